using System.Text.Json;
using Keel.CommandLine;
using Keel.Hosts;
using Keel.Logging;
using Serilog;

namespace Keel.Parameters;

/// <summary>
/// Sets the build's parameters from, highest first: the command line, environment variables, profiles
/// (<c>.nuke/parameters.NAME.json</c>, later ones winning) and <c>.nuke/parameters.json</c>.
/// </summary>
internal sealed class ParameterBinder(
    IReadOnlyDictionary<string, string> environment,
    string nukeDirectory,
    string rootDirectory,
    Redactor redactor,
    ILogger log)
{
    /// <summary>Options that the engine or its extensions read themselves.</summary>
    public static readonly string[] ReservedOptions = ["help", "plan", "profile"];

    private static readonly string[] EnvironmentPrefixes = ["keel", "nuke"];

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Secrets shorter than this cannot be masked without masking ordinary text all over the log.</summary>
    public const int MinimumSecretLength = 4;

    /// <summary>
    /// Sets every parameter from its sources, into the build's members and its <see cref="KeelBuild.ParameterValues"/>
    /// (the only home of component parameters' values; TryGetValue reads it). Returns the engine's own options (never
    /// written into the build), where each bound value came from, and the values it refused to bind (secrets too short
    /// to be masked), one line each, for the build to report before anything runs.
    /// </summary>
    public ParameterBinding Bind(KeelBuild build, IReadOnlyList<ParameterDefinition> parameters, Invocation invocation, IEnumerable<string> extensionOptions)
    {
        var chosen = new ChosenValues(redactor);
        foreach (var file in ParameterFiles(invocation))
            ReadFile(file, parameters, chosen);
        ReadEnvironment(parameters, chosen);
        ReadCommandLine(invocation, parameters, extensionOptions, chosen);

        var refused = new List<string>();
        var sources = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var engine = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (parameter, raw) in chosen)
        {
            if (parameter.IsSecret && raw.Values.FirstOrDefault(ChosenValues.TooShort) is { } shortSecret)
            {
                refused.Add($"Parameter {parameter.CommandLineName} (from {raw.Source}) is a secret of {shortSecret.Length} character(s); one shorter than {MinimumSecretLength} cannot be masked in the log without masking ordinary text, so it is not used: pass the real value.");
                continue;
            }

            var value = ValueConverter.Convert(parameter, raw, rootDirectory);
            if (parameter.IsBuiltIn)
            {
                engine[parameter.Member.Name] = value;
            }
            else
            {
                build.ParameterValues.Set(parameter.Member, value);
                if (!parameter.IsComponentParameter)
                    MemberAccess.Write(build, parameter.Member, value);
            }

            sources[parameter.Name] = raw.Source;
            log.Debug("{Parameter} = {Value} (from {Source})", parameter.Name, parameter.IsSecret ? Redactor.Mask : string.Join(' ', raw.Values), raw.Source);
        }

        return new ParameterBinding(sources, refused, EngineOptions.From(engine));
    }

    private IEnumerable<string> ParameterFiles(Invocation invocation)
    {
        var main = Path.Combine(nukeDirectory, "parameters.json");
        if (File.Exists(main))
            yield return main;
        foreach (var profile in invocation.Find("profile")?.Values ?? [])
        {
            var file = Path.Combine(nukeDirectory, $"parameters.{profile}.json");
            if (!File.Exists(file))
            {
                var known = Directory.EnumerateFiles(nukeDirectory, "parameters.*.json")
                    .Select(f => Path.GetFileName(f)["parameters.".Length..^".json".Length])
                    .Order(StringComparer.Ordinal).ToList();
                throw new BuildException($"Profile '{profile}' (from --profile) has no file .nuke/parameters.{profile}.json; "
                    + (known.Count == 0 ? "create it." : $"known profiles: {string.Join(", ", known)}."));
            }

            yield return file;
        }
    }

    private void ReadFile(string file, IReadOnlyList<ParameterDefinition> parameters, ChosenValues chosen)
    {
        var source = Path.GetRelativePath(rootDirectory, file).Replace('\\', '/');
        JsonDocument document;
        try
        {
            // Visual Studio and Windows PowerShell write UTF-8 with a byte order mark, which the JSON reader does not skip.
            var bytes = File.ReadAllBytes(file).AsMemory();
            if (bytes.Span.StartsWith(Utf8ByteOrderMark))
                bytes = bytes[Utf8ByteOrderMark.Length..];
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new BuildException($"{source} is not valid JSON (line {e.LineNumber + 1}): fix or delete it.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new BuildException($"{source} must hold one JSON object of parameter names and values.");
            var keys = new Dictionary<ParameterDefinition, string>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "$schema")
                    continue;
                var parameter = Find(parameters, property.Name);
                if (parameter is not null && !keys.TryAdd(parameter, property.Name))
                {
                    var first = keys[parameter];
                    throw new BuildException(first == property.Name
                        ? $"{source} sets '{first}' twice; keep one."
                        : $"{source} sets {parameter.Name} twice ('{first}' and '{property.Name}'); keep one.");
                }

                if (property.Value.ValueKind == JsonValueKind.Null)
                    continue;
                if (parameter is null)
                    throw new BuildException($"{source} sets '{property.Name}', which is not a parameter{Suggest(property.Name, parameters.Select(p => p.Name))}");
                chosen[parameter] = new ParameterValue(JsonValues(property.Value, source, property.Name), source);
            }
        }
    }

    private static List<string> JsonValues(JsonElement value, string source, string name) => value.ValueKind switch
    {
        JsonValueKind.Array => [.. value.EnumerateArray().SelectMany(item => JsonValues(item, source, name))],
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.True => ["true"],
        JsonValueKind.False => ["false"],
        JsonValueKind.Number => [value.GetRawText()],
        _ => throw new BuildException($"{source} gives '{name}' an object; use a string, number, bool or array."),
    };

    private void ReadEnvironment(IReadOnlyList<ParameterDefinition> parameters, ChosenValues chosen)
    {
        foreach (var parameter in parameters.Where(p => p.FromEnvironment))
        {
            // A tool's own variable (GIT_DIR) is the tool's setting: such a parameter reads only KEEL_/NUKE_ forms.
            var tool = parameter.ToolVariable;
            if (tool is null && environment.TryGetValue(parameter.Name, out var exact))
            {
                chosen[parameter] = FromEnvironment(parameter, parameter.Name, exact);
                continue;
            }

            var key = ParameterNames.Normalize(parameter.Name);
            // Names, not key-value pairs: LINQ over a pair, a value type, is compiled on every run.
            var matches = StableOrder.By(environment.Keys.Where(variable => Matches(variable, key, prefixedOnly: tool is not null)), variable => variable, StringComparer.Ordinal);
            if (tool is not null && environment.Keys.Where(v => ParameterNames.Normalize(v) == key).Min(StringComparer.Ordinal) is { } plain)
            {
                log.Debug("Parameter {Name} does not read {Variable}, which is {Tool}'s own; set {Prefixed} to set it from the environment.",
                    parameter.Name, plain, tool.Tool, parameter.EnvironmentName);
            }

            if (matches.Count == 0)
                continue;
            if (matches.Select(variable => environment[variable]).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                log.Warning("Parameter {Name} matches several environment variables with different values ({Variables}); all are ignored. Pass {Option} instead.",
                    parameter.Name, string.Join(", ", matches), parameter.CommandLineName);
                continue;
            }

            chosen[parameter] = FromEnvironment(parameter, matches[0], environment[matches[0]]);
        }
    }

    private static bool Matches(string variable, string key, bool prefixedOnly)
    {
        var normalized = ParameterNames.Normalize(variable);
        return (!prefixedOnly && normalized == key) || EnvironmentPrefixes.Any(prefix => normalized == prefix + key);
    }

    private static ParameterValue FromEnvironment(ParameterDefinition parameter, string variable, string value) => new(
        parameter.IsArray ? value.Split([',', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [value],
        $"environment variable {variable}");

    private static void ReadCommandLine(
        Invocation invocation,
        IReadOnlyList<ParameterDefinition> parameters,
        IEnumerable<string> extensionOptions,
        ChosenValues chosen)
    {
        var reserved = ReservedOptions.Concat(extensionOptions).Select(ParameterNames.Normalize).ToHashSet();
        if (invocation.Targets.Count > 0 && Find(parameters, EngineOptions.TargetParameter) is { } targets)
            chosen[targets] = new ParameterValue(invocation.Targets, "the command line");

        foreach (var option in invocation.Options)
        {
            if (reserved.Contains(ParameterNames.Normalize(option.Written)) || option.Written is "h" or "?")
                continue;
            var parameter = Find(parameters, option.Written)
                ?? throw new BuildException($"Unknown option --{option.Written}{Suggest(option.Written, parameters.Select(p => p.CommandLineName[2..]).Concat(ReservedOptions).Concat(extensionOptions), "--")} Run with --help to list the parameters.");
            chosen[parameter] = new ParameterValue(option.Values, "the command line");
        }
    }

    /// <summary>The winning raw value per parameter; every secret value seen is registered for redaction, even one overridden later.</summary>
    private sealed class ChosenValues(Redactor redactor) : IEnumerable<KeyValuePair<ParameterDefinition, ParameterValue>>
    {
        private readonly Dictionary<ParameterDefinition, ParameterValue> _values = [];

        public ParameterValue this[ParameterDefinition parameter]
        {
            set
            {
                if (parameter.IsSecret)
                {
                    // A secret too short to mask is refused rather than bound: masking it would mask ordinary text.
                    foreach (var secret in value.Values.Where(v => !TooShort(v)))
                        redactor.Add(secret);
                }

                _values[parameter] = value;
            }
        }

        public static bool TooShort(string secret) => secret.Length is > 0 and < MinimumSecretLength;

        public IEnumerator<KeyValuePair<ParameterDefinition, ParameterValue>> GetEnumerator() => _values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static ParameterDefinition? Find(IReadOnlyList<ParameterDefinition> parameters, string name)
    {
        var key = ParameterNames.Normalize(name);
        return parameters.FirstOrDefault(p => ParameterNames.Normalize(p.Name) == key);
    }

    /// <summary>"; did you mean 'X'?" when a name is close, else "." to end the sentence.</summary>
    private static string Suggest(string input, IEnumerable<string> names, string prefix = "") =>
        NameSuggester.Closest(input, names) is { } close ? $"; did you mean '{prefix}{close}'?" : ".";
}
