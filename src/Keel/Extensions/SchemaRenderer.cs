using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Keel.Hosts;
using Keel.Parameters;

namespace Keel.Extensions;

/// <summary>
/// Renders <c>.nuke/build.schema.json</c> in the shape NUKE uses (definitions.ExecutableTarget, definitions.NukeBuild
/// for the engine's own parameters, the build's parameters in allOf), so editors and tools written for NUKE's schema
/// read it. It is as strict as the engine (a key that is no parameter is an error) and as lenient (allowed values in
/// any case: each enum is paired with a case-insensitive pattern).
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
            WriteAllowed(json, [.. listedTargets.Select(t => t.Name)], nullable: false);
            json.WriteEndObject();
            json.WriteStartObject("NukeBuild");
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
            json.WriteString("$ref", "#/definitions/NukeBuild");
            json.WriteEndObject();
            json.WriteEndArray();
            // Every key the engine takes, so that any other one is an error, as it is for the engine.
            json.WriteStartObject("properties");
            foreach (var name in parameters.Select(p => p.Name).Prepend("$schema").Distinct())
            {
                json.WriteStartObject(name);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteBoolean("additionalProperties", false);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    private static void WriteParameter(Utf8JsonWriter json, ParameterDefinition parameter)
    {
        json.WriteStartObject(parameter.Name);
        var isTargetList = parameter.IsBuiltIn && parameter.Name is EngineOptions.TargetParameter or EngineOptions.SkipParameter or EngineOptions.ForceParameter;
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
        IReadOnlyList<string> allowed = [.. ValueTypes.AllowedValues(type)];
        WriteType(json, type == typeof(bool) ? "boolean"
            : type == typeof(int) || type == typeof(long) ? "integer"
            : type == typeof(double) || type == typeof(decimal) ? "number"
            : "string", nullable);
        if (allowed.Count > 0)
            WriteAllowed(json, allowed, nullable);
    }

    /// <summary>The allowed values as an enum (for completion), or the same values in any other case, as the engine takes them.</summary>
    private static void WriteAllowed(Utf8JsonWriter json, IReadOnlyList<string> allowed, bool nullable)
    {
        json.WriteStartArray("anyOf");
        json.WriteStartObject();
        WriteArray(json, "enum", allowed);
        json.WriteEndObject();
        json.WriteStartObject();
        json.WriteString("type", "string");
        json.WriteString("pattern", "^(?:" + string.Join('|', allowed.Select(AnyCase)) + ")$");
        json.WriteEndObject();
        if (nullable)
        {
            json.WriteStartObject();
            json.WriteString("type", "null");
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>A value as a pattern that matches it in any case: Debug -> [Dd][Ee][Bb][Uu][Gg].</summary>
    private static string AnyCase(string value) => string.Concat(value.Select(c =>
        char.IsLetter(c) && char.ToUpperInvariant(c) != char.ToLowerInvariant(c) ? $"[{char.ToUpperInvariant(c)}{char.ToLowerInvariant(c)}]"
        : char.IsLetterOrDigit(c) ? c.ToString()
        : "\\" + c));

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
