namespace Keel.Lifecycle;

/// <summary>A command-line option an extension reads itself: its name (without dashes) and how help shows it.</summary>
public sealed record ExtensionOption(string Name, string Arguments, string Description)
{
    /// <summary>The option as help writes it: <c>--generate-configuration [workflow ...]</c>.</summary>
    internal string Usage => Arguments.Length == 0 ? $"--{Name}" : $"--{Name} {Arguments}";
}
