namespace Keel.Parameters;

/// <summary>The raw text of a parameter as one source gave it, with the source named for error messages.</summary>
internal sealed record ParameterValue(IReadOnlyList<string> Values, string Source);
