namespace Keel;

/// <summary>
/// A stable sort for the short lists the start of every run orders (members, components, extensions, files): the
/// order LINQ's OrderBy gives, each key computed once, without its sorting machinery, which the runtime would compile
/// on every run.
/// </summary>
internal static class StableOrder
{
    public static List<T> By<T>(IEnumerable<T> items, Func<T, int> key) => By(items, key, Comparer<int>.Default);

    public static List<T> By<T, TKey>(IEnumerable<T> items, Func<T, TKey> key, IComparer<TKey> comparer)
    {
        var sorted = new List<T>(items);
        var keys = new List<TKey>(sorted.Count);
        foreach (var item in sorted)
            keys.Add(key(item));
        for (var i = 1; i < sorted.Count; i++)
        {
            var item = sorted[i];
            var itemKey = keys[i];
            var j = i - 1;
            for (; j >= 0 && comparer.Compare(keys[j], itemKey) > 0; j--)
            {
                sorted[j + 1] = sorted[j];
                keys[j + 1] = keys[j];
            }

            sorted[j + 1] = item;
            keys[j + 1] = itemKey;
        }

        return sorted;
    }
}
