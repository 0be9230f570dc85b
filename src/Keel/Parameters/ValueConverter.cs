using System.Globalization;

namespace Keel.Parameters;

/// <summary>Pure conversion of raw parameter text to the parameter's type, with one-line errors.</summary>
internal static class ValueConverter
{
    public static object? Convert(ParameterDefinition parameter, ParameterValue raw, string baseDirectory)
    {
        var values = raw.Values;
        if (parameter.IsArray)
        {
            var array = Array.CreateInstance(parameter.Type.GetElementType()!, values.Count);
            for (var i = 0; i < values.Count; i++)
                array.SetValue(ConvertOne(parameter, values[i], raw.Source, baseDirectory), i);
            return array;
        }

        if (values.Count == 0)
        {
            return parameter.IsSwitch
                ? true
                : throw Error(parameter, raw.Source, $"expects a value ({ValueTypes.Describe(parameter.Type)})");
        }

        if (values.Count > 1)
            throw Error(parameter, raw.Source, $"expects one value, got {values.Count}");

        return ConvertOne(parameter, values[0], raw.Source, baseDirectory);
    }

    private static object ConvertOne(ParameterDefinition parameter, string text, string source, string baseDirectory)
    {
        var type = parameter.ValueType;
        var shown = parameter.IsSecret ? "***" : text;
        if (type == typeof(string))
            return text;
        if (type == typeof(AbsolutePath))
            return AbsolutePath.Create(text, baseDirectory);
        if (type == typeof(bool))
        {
            return text.ToLowerInvariant() switch
            {
                "true" or "yes" or "1" or "on" => true,
                "false" or "no" or "0" or "off" => false,
                _ => throw Error(parameter, source, $"'{shown}' is not a bool (true or false)"),
            };
        }

        var allowed = parameter.AllowedValues;
        if (allowed.Count > 0)
        {
            var match = allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase))
                ?? throw Error(parameter, source, $"'{shown}' is not one of {string.Join(", ", allowed)}{Suggest(text, allowed, parameter.IsSecret)}");
            return type.IsEnum
                ? Enum.Parse(type, match)
                : Enumeration.ValuesOf(type).First(v => v.Value == match);
        }

        try
        {
            return type == typeof(int) ? int.Parse(text, CultureInfo.InvariantCulture)
                : type == typeof(long) ? long.Parse(text, CultureInfo.InvariantCulture)
                : type == typeof(double) ? double.Parse(text, CultureInfo.InvariantCulture)
                : type == typeof(decimal) ? decimal.Parse(text, CultureInfo.InvariantCulture)
                : throw Error(parameter, source, $"has the unsupported type {type.Name}");
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw Error(parameter, source, $"'{shown}' is not a valid {ValueTypes.Describe(type)}");
        }
    }

    private static string Suggest(string text, IReadOnlyList<string> allowed, bool secret) =>
        !secret && NameSuggester.Closest(text, allowed) is { } close ? $"; did you mean '{close}'?" : "";

    private static BuildException Error(ParameterDefinition parameter, string source, string problem) =>
        new($"Parameter {parameter.CommandLineName} (from {source}) {problem}{(problem.EndsWith('?') ? "" : ".")}");
}
