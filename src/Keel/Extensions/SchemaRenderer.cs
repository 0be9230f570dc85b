using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Keel.Parameters;

namespace Keel.Extensions;

/// <summary>
/// Renders <c>.nuke/build.schema.json</c> in the shape NUKE uses: a target-name enum for Target and Skip, and
/// each parameter with its description, type and allowed values, so editors complete parameters.json.
/// </summary>
internal static class SchemaRenderer
{
    public static string Render(IEnumerable<TargetDefinition> listedTargets, IReadOnlyList<ParameterDefinition> parameters)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "http://json-schema.org/draft-04/schema#");
            json.WriteString("title", "Build Schema");
            json.WriteStartObject("definitions");
            json.WriteStartObject("ExecutableTarget");
            json.WriteString("type", "string");
            WriteArray(json, "enum", listedTargets.Select(t => t.Name));
            json.WriteEndObject();
            json.WriteStartObject("KeelBuild");
            json.WriteStartObject("properties");
            foreach (var parameter in parameters.Where(p => p.IsBuiltIn))
                WriteParameter(json, parameter);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("allOf");
            json.WriteStartObject();
            json.WriteStartObject("properties");
            foreach (var parameter in parameters.Where(p => !p.IsBuiltIn))
                WriteParameter(json, parameter);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteString("$ref", "#/definitions/KeelBuild");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    private static void WriteParameter(Utf8JsonWriter json, ParameterDefinition parameter)
    {
        json.WriteStartObject(parameter.Name);
        var isTargetList = parameter.IsBuiltIn && parameter.Name is KeelBuild.TargetParameter or KeelBuild.SkipParameter or KeelBuild.ForceParameter;
        if (parameter.IsArray)
        {
            WriteType(json, "array", parameter.IsNullable && !isTargetList);
            if (parameter.Description is { } arrayDescription)
                json.WriteString("description", arrayDescription);
            json.WriteStartObject("items");
            if (isTargetList)
                json.WriteString("$ref", "#/definitions/ExecutableTarget");
            else
                WriteValue(json, parameter.ValueType, nullable: false);
            json.WriteEndObject();
        }
        else
        {
            WriteValue(json, parameter.ValueType, parameter.IsNullable);
            if (parameter.Description is { } description)
                json.WriteString("description", description);
        }

        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, Type type, bool nullable)
    {
        var allowed = ValueTypes.AllowedValues(type);
        WriteType(json, type == typeof(bool) ? "boolean"
            : type == typeof(int) || type == typeof(long) ? "integer"
            : type == typeof(double) || type == typeof(decimal) ? "number"
            : "string", nullable);
        if (allowed.Count > 0)
            WriteArray(json, "enum", allowed);
    }

    private static void WriteType(Utf8JsonWriter json, string type, bool nullable)
    {
        if (nullable)
            WriteArray(json, "type", [type, "null"]);
        else
            json.WriteString("type", type);
    }

    private static void WriteArray(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
