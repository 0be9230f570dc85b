using System.Text;
using Keel.Lifecycle;
using Keel.Parameters;

namespace Keel.Extensions;

/// <summary>The text of <c>--help</c>: targets with descriptions and dependencies, then parameters with their details.</summary>
internal static class HelpRenderer
{
    public static string Render(IReadOnlyList<TargetDefinition> listedTargets, IReadOnlyList<ParameterDefinition> parameters, IReadOnlyList<ExtensionOption> extensionOptions, string script = "./build.sh")
    {
        var text = new StringBuilder();
        text.AppendLine($"Usage: {script} [targets] [--parameter value ...]");
        text.AppendLine();
        var defaultTarget = listedTargets.FirstOrDefault(t => t.IsDefault);
        text.AppendLine(defaultTarget is null ? "Targets:" : $"Targets (default: {defaultTarget.Name}):");
        var width = 0;
        foreach (var target in listedTargets)
            width = Math.Max(width, target.Name.Length);
        foreach (var target in listedTargets)
        {
            var about = target.Description?.TrimEnd('.') is { Length: > 0 } description ? description + "." : "";
            if (target.DependsOn.Count > 0)
                about += $" Depends on {string.Join(", ", target.DependsOn)}.";
            text.AppendLine($"  {target.Name.PadRight(width)}  {about.Trim()}".TrimEnd());
        }

        Section(text, "Parameters:", parameters.Where(p => !p.IsBuiltIn));
        Section(text, "Build options:", parameters.Where(p => p.IsBuiltIn));
        text.AppendLine("  --profile <name>");
        text.AppendLine("      Also read .nuke/parameters.<name>.json; later profiles win.");
        foreach (var option in extensionOptions)
        {
            text.AppendLine($"  {option.Usage}");
            text.AppendLine($"      {option.Description}");
        }

        text.AppendLine("  --help");
        text.AppendLine("      Show this help.");
        return text.ToString().Replace("\r\n", "\n");
    }

    private static void Section(StringBuilder text, string title, IEnumerable<ParameterDefinition> parameters)
    {
        text.AppendLine();
        text.AppendLine(title);
        foreach (var parameter in parameters)
        {
            var value = parameter.IsSwitch ? "" : $" <{ValueTypes.Describe(parameter.Type)}>{(parameter.IsArray ? "..." : "")}";
            text.AppendLine($"  {parameter.CommandLineName}{value}{(parameter.IsSecret ? "  (secret)" : "")}{(parameter.IsRequired ? "  (required)" : "")}");
            var details = new List<string>();
            if (parameter.Description is { } description)
                details.Add(description.TrimEnd('.') + ".");
            if (parameter.FromEnvironment)
                details.Add($"Environment: {parameter.EnvironmentName}.");
            if (parameter.DefaultText is { } defaultText)
                details.Add($"Default: {defaultText}.");
            if (details.Count > 0)
                text.AppendLine("      " + string.Join(' ', details));
        }
    }
}
