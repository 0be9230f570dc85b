using Keel.Hosts;

namespace Keel.Parameters;

/// <summary>
/// What binding left for later: the engine's own options, where each bound value came from, and the values refused,
/// one line each.
/// </summary>
internal sealed record ParameterBinding(IReadOnlyDictionary<string, string> Sources, IReadOnlyList<string> Refused, EngineOptions Engine)
{
    public static ParameterBinding None { get; } = new(new Dictionary<string, string>(), [], EngineOptions.Defaults);

    /// <summary>Where a parameter's value came from ("environment variable API_URL"); null when nothing set it.</summary>
    public string? SourceOf(string parameter) => Sources.GetValueOrDefault(parameter);
}
