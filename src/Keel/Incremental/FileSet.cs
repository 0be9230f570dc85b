using System.Text;
using System.Text.RegularExpressions;

namespace Keel.Incremental;

/// <summary>
/// Expands input and output patterns, relative to the root: a file, a folder (everything under it), or a glob
/// (<c>*</c> within a name, <c>**</c> across folders, <c>?</c> one character). Inside a folder or under a glob, the
/// folders that tools write into or keep for themselves (bin, obj, .git, .nuke, .vs, .idea, node_modules) are left
/// out unless the pattern names them itself, as <c>src/App/bin/publish</c> does. A pattern that starts with <c>!</c>
/// leaves out what it names (a file, or a folder with everything under it) from what the other patterns found.
/// </summary>
internal static class FileSet
{
    private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", ".git", ".nuke", ".vs", ".idea", "node_modules" };

    /// <summary>Every file the patterns name, as paths relative to the root with forward slashes, in ordinal order; and the patterns that named nothing.</summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<string> Missing) Expand(AbsolutePath root, IEnumerable<string> patterns)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        var excluded = new List<Regex>();
        foreach (var raw in patterns)
        {
            var text = raw.Trim();
            var excludes = text.StartsWith('!');
            var pattern = (excludes ? text[1..].Trim() : text).Replace('\\', '/');
            if (Path.IsPathRooted(pattern))
                pattern = Path.GetRelativePath(root, pattern).Replace('\\', '/');
            if (excludes)
            {
                excluded.Add(Glob(pattern.TrimEnd('/') + "/**"));
                excluded.Add(Glob(pattern.TrimEnd('/')));
                continue;
            }

            var before = files.Count;
            if (pattern.IndexOfAny(['*', '?']) >= 0)
                AddGlob(root, pattern, files);
            else if (File.Exists(root / pattern))
                files.Add(Relative(root, root / pattern));
            else if (Directory.Exists(root / pattern))
                AddFolder(root, root / pattern, files);
            if (files.Count == before)
                missing.Add(pattern);
        }

        files.RemoveWhere(file => excluded.Any(exclusion => exclusion.IsMatch(file)));
        return ([.. files], missing);
    }

    /// <summary>
    /// Files (or folders) under <paramref name="root"/> that match the globs, relative to it, in ordinal order.
    /// Unlike input patterns, nothing is left out: a glob that names bin folders finds them.
    /// </summary>
    public static IReadOnlyList<string> Matching(AbsolutePath root, IEnumerable<string> patterns, bool directories)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns.Select(p => p.Replace('\\', '/').TrimStart('/')))
        {
            // Only the folder the pattern's literal start names is searched, not the whole tree.
            var start = LiteralStart(root, pattern);
            if (!Directory.Exists(start))
                continue;
            var matcher = Glob(pattern);
            var candidates = directories ? Directory.EnumerateDirectories(start, "*", SearchOption.AllDirectories) : Directory.EnumerateFiles(start, "*", SearchOption.AllDirectories);
            found.UnionWith(candidates.Select(path => Relative(root, path)).Where(path => matcher.IsMatch(path)));
        }

        return [.. found];
    }

    /// <summary>The folder a glob's segments before its first wildcard name: everything it can match is under it.</summary>
    private static AbsolutePath LiteralStart(AbsolutePath root, string pattern)
    {
        var literal = pattern.Split('/').SkipLast(1).TakeWhile(s => s.IndexOfAny(['*', '?']) < 0).ToList();
        return literal.Count == 0 ? root : root / string.Join('/', literal);
    }

    private static void AddFolder(AbsolutePath root, string folder, SortedSet<string> files)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
            files.Add(Relative(root, file));
        foreach (var child in Directory.EnumerateDirectories(folder))
        {
            if (!Ignored.Contains(Path.GetFileName(child)) && (File.GetAttributes(child) & FileAttributes.ReparsePoint) == 0)
                AddFolder(root, child, files);
        }
    }

    private static void AddGlob(AbsolutePath root, string pattern, SortedSet<string> files)
    {
        var segments = pattern.Split('/');
        var start = LiteralStart(root, pattern);
        if (!Directory.Exists(start))
            return;
        var matcher = Glob(pattern);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        AddFolder(root, start, found);
        // Folders the pattern names itself (a "bin" segment) are looked into as well.
        foreach (var named in segments.Where(Ignored.Contains).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            foreach (var folder in Directory.EnumerateDirectories(start, named, SearchOption.AllDirectories))
                AddFolder(root, folder, found);
        }

        files.UnionWith(found.Where(file => matcher.IsMatch(file)));
    }

    /// <summary>A glob as a regular expression over root-relative paths with forward slashes.</summary>
    internal static Regex Glob(string pattern)
    {
        var text = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                text.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                text.Append("[^/]*");
            }
            else if (c == '?')
            {
                text.Append("[^/]");
            }
            else
            {
                text.Append(Regex.Escape(c.ToString()));
            }
        }

        return new Regex(text.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    private static string Relative(AbsolutePath root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
