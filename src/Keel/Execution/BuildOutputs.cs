namespace Keel.Execution;

/// <summary>
/// Values a run reports for the outside world (an image's digest and tags): CI hosts turn them into job outputs
/// and summaries. Run state, never part of a definition.
/// </summary>
public sealed class BuildOutputs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Values => _values;

    public event Action<string, string>? Set;

    public void Report(string name, string value)
    {
        _values[name] = value;
        Set?.Invoke(name, value);
    }
}
