using System.Collections;

namespace EndToEnd.Tests.Workflows;

/// <summary>
/// A YAML mapping or an expression object: keys in the order they were written (jobs, env and steps run in file order),
/// looked up without regard to case, as GitHub looks up context properties.
/// </summary>
public sealed class OrderedMap : IReadOnlyDictionary<string, object?>
{
    private readonly List<string> _keys = [];
    private readonly Dictionary<string, object?> _values = new(StringComparer.OrdinalIgnoreCase);

    public OrderedMap()
    {
    }

    public OrderedMap(IEnumerable<(string Key, object? Value)> pairs)
    {
        foreach (var (key, value) in pairs)
            this[key] = value;
    }

    public object? this[string key]
    {
        get => _values[key];
        set
        {
            if (!_values.ContainsKey(key))
                _keys.Add(key);
            _values[key] = value;
        }
    }

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<object?> Values => _keys.Select(key => _values[key]);

    public int Count => _keys.Count;

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, out object? value) => _values.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _keys.Select(key => new KeyValuePair<string, object?>(key, _values[key])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
