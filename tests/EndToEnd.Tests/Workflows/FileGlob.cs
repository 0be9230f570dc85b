using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace EndToEnd.Tests.Workflows;

/// <summary>
/// The file patterns of actions/upload-artifact and hashFiles (the @actions/glob syntax): one pattern a line,
/// relative to the workspace, * within a folder, ** across folders, ? and [abc], a leading ! excludes; a folder,
/// named or matched, stands for every file under it.
/// </summary>
public static class FileGlob
{
    /// <summary>The files the patterns match (sorted), and each including pattern's search path (its part before any wildcard).</summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<string> SearchPaths) Match(string root, IEnumerable<string> patterns)
    {
        var included = new SortedSet<string>(StringComparer.Ordinal);
        var searchPaths = new List<string>();
        foreach (var line in patterns.Select(p => p.Trim()).Where(p => p.Length > 0 && !p.StartsWith('#')))
        {
            var exclude = line.StartsWith('!');
            var pattern = Path.GetFullPath(Path.Combine(root, ExpandHome(exclude ? line[1..] : line))).TrimEnd('/');
            var search = SearchPath(pattern);
            if (!exclude)
                searchPaths.Add(search);
            var matched = Files(pattern, search);
            if (exclude)
                included.ExceptWith(matched);
            else
                included.UnionWith(matched);
        }

        return ([.. included], searchPaths);
    }

    /// <summary>
    /// hashFiles: the SHA-256 of every matched file's SHA-256, in path order, or '' when nothing matches. The runner hashes
    /// the same way; tests rely only on it being stable for the same files (a cache key), not on GitHub's exact string.
    /// </summary>
    public static string Hash(string root, IReadOnlyList<string> patterns)
    {
        var files = Match(root, patterns).Files;
        if (files.Count == 0)
            return "";
        using var all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
            all.AppendData(SHA256.HashData(File.ReadAllBytes(file)));
        return Convert.ToHexStringLower(all.GetHashAndReset());
    }

    private static string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..]) : path;

    private static bool IsWild(string segment) => segment.IndexOfAny(['*', '?', '[']) >= 0;

    private static string SearchPath(string pattern)
    {
        var segments = pattern.Split('/');
        var literal = segments.TakeWhile(s => !IsWild(s)).ToList();
        return literal.Count == segments.Length ? pattern : string.Join('/', literal) is { Length: > 0 } path ? path : "/";
    }

    private static IEnumerable<string> Files(string pattern, string search)
    {
        if (search == pattern)
        {
            if (File.Exists(pattern))
                return [pattern];
            return Directory.Exists(pattern) ? Directory.EnumerateFiles(pattern, "*", SearchOption.AllDirectories) : [];
        }

        if (!Directory.Exists(search))
            return [];
        var regex = new Regex("^" + Translate(pattern) + "$", RegexOptions.CultureInvariant);
        var files = new List<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(search, "*", SearchOption.AllDirectories))
        {
            if (!regex.IsMatch(entry))
                continue;
            if (Directory.Exists(entry))
                files.AddRange(Directory.EnumerateFiles(entry, "*", SearchOption.AllDirectories));
            else
                files.Add(entry);
        }

        return files;
    }

    private static string Translate(string pattern)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slash ? "(?:[^/]*/)*" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else if (c == '[' && pattern.IndexOf(']', i + 1) is var end && end > i + 1)
            {
                var set = pattern[(i + 1)..end];
                regex.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set).Replace("\\-", "-", StringComparison.Ordinal)).Append(']');
                i = end;
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return regex.ToString();
    }
}
