using System.Text.Json;

namespace Keel.GlobalTool;

/// <summary>
/// Completion from the build's schema (.nuke/build.schema.json): target names, parameters as --kebab-case and the
/// allowed values of the parameter just typed. <c>nuke :complete word ...</c> gets the words typed so far, the last one
/// being the one to complete (empty when a new one starts), and prints the candidates, one a line.
/// </summary>
internal static class Completion
{
    public static int Complete(string directory, IReadOnlyList<string> words)
    {
        var root = Root.Find(directory);
        var schemaFile = root is null ? null : Path.Combine(root, ".nuke", "build.schema.json");
        if (schemaFile is null || !File.Exists(schemaFile))
            return 0;
        using var schema = JsonDocument.Parse(File.ReadAllText(schemaFile));
        var definitions = schema.RootElement.GetProperty("definitions");
        var parameters = Parameters(schema.RootElement).ToList();
        var current = words.Count > 0 ? words[^1] : "";
        var previous = words.Count > 1 ? words[^2] : null;

        IEnumerable<string> candidates;
        (string? Name, JsonElement Value) typed = previous is null ? default : parameters.FirstOrDefault(p => "--" + Kebab(p.Name) == previous.ToLowerInvariant());
        if (typed.Name is not null && Allowed(typed.Value, definitions) is { Count: > 0 } values)
            candidates = values;
        else if (current.StartsWith('-'))
            candidates = parameters.Select(p => "--" + Kebab(p.Name));
        else
            candidates = Targets(definitions);

        foreach (var candidate in candidates.Where(c => c.StartsWith(current, StringComparison.OrdinalIgnoreCase)).Distinct())
            Console.Out.WriteLine(candidate);
        return 0;
    }

    public static int Script(string shell)
    {
        var script = shell.ToLowerInvariant() switch
        {
            "bash" => """
                # nuke: completion of targets, parameters and values (Keel.GlobalTool)
                _nuke_complete() {
                    local IFS=$'\n'
                    COMPREPLY=($(nuke :complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
                }
                complete -o default -F _nuke_complete nuke
                """,
            "zsh" => """
                # nuke: completion of targets, parameters and values (Keel.GlobalTool)
                _nuke_complete() {
                    local -a candidates
                    candidates=("${(@f)$(nuke :complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
                    compadd -a candidates
                }
                compdef _nuke_complete nuke
                """,
            "pwsh" or "powershell" => """
                # nuke: completion of targets, parameters and values (Keel.GlobalTool)
                Register-ArgumentCompleter -Native -CommandName nuke -ScriptBlock {
                    param($wordToComplete, $commandAst, $cursorPosition)
                    $words = @($commandAst.CommandElements | Select-Object -Skip 1 | ForEach-Object { $_.ToString() })
                    if ($wordToComplete -eq '') { $words += '' }
                    nuke :complete @words | ForEach-Object { [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_) }
                }
                """,
            _ => null,
        };
        if (script is null)
        {
            Console.Error.WriteLine($"nuke: no completion for '{shell}'; ask for bash, zsh or pwsh.");
            return 1;
        }

        Console.Out.WriteLine(script);
        return 0;
    }

    private static IEnumerable<(string Name, JsonElement Value)> Parameters(JsonElement schema)
    {
        foreach (var part in schema.GetProperty("allOf").EnumerateArray())
        {
            if (part.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                    yield return (property.Name, property.Value);
            }
        }

        if (schema.GetProperty("definitions").TryGetProperty("NukeBuild", out var build) && build.TryGetProperty("properties", out var builtIn))
        {
            foreach (var property in builtIn.EnumerateObject())
                yield return (property.Name, property.Value);
        }
    }

    private static IReadOnlyList<string> Targets(JsonElement definitions) =>
        definitions.TryGetProperty("ExecutableTarget", out var target) ? Allowed(target, definitions) : [];

    /// <summary>The values a schema node allows: its enum, an enum in its anyOf, or those of the items or definition it refers to.</summary>
    private static IReadOnlyList<string> Allowed(JsonElement node, JsonElement definitions)
    {
        if (node.TryGetProperty("enum", out var values))
            return [.. values.EnumerateArray().Select(v => v.GetString() ?? "")];
        if (node.TryGetProperty("anyOf", out var choices))
            return [.. choices.EnumerateArray().SelectMany(choice => Allowed(choice, definitions))];
        if (node.TryGetProperty("items", out var items))
            return Allowed(items, definitions);
        if (node.TryGetProperty("$ref", out var reference) && reference.GetString() is { } path && path.StartsWith("#/definitions/", StringComparison.Ordinal)
            && definitions.TryGetProperty(path["#/definitions/".Length..], out var definition))
            return Allowed(definition, definitions);
        return [];
    }

    private static string Kebab(string name) => Keel.Parameters.ParameterNames.Kebab(name);
}
