using Keel.Lifecycle;

namespace Keel.Execution;

/// <summary>
/// Values a run reports for the outside world (an image's digest and tags): CI hosts turn them into job outputs
/// and summaries. Run state, never part of a definition.
/// </summary>
public sealed class BuildOutputs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly List<SummarySection> _sections = [];

    internal BuildOutputs() { }

    internal IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>The sections of the build's summary the run's targets added, in order.</summary>
    internal IReadOnlyList<SummarySection> Sections => _sections;

    internal event Action<string, string>? Set;

    public void Report(string name, string value)
    {
        _values[name] = value;
        Set?.Invoke(name, value);
    }

    /// <summary>
    /// Adds a section to the build's summary on a CI host, as soon as what it tells is done (an image pushed): it is
    /// shown after the targets even when a later target fails.
    /// </summary>
    public void Summarize(SummarySection section) => _sections.Add(section);
}
