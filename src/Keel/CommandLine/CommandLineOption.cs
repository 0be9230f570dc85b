namespace Keel.CommandLine;

/// <summary>One <c>--name value...</c> group as written on the command line.</summary>
internal sealed record CommandLineOption(string Written, IReadOnlyList<string> Values);
