namespace EndToEnd.Tests;

/// <summary>
/// The build this repository has already compiled, handed to a throwaway repository so that its build.sh takes the fast
/// path instead of compiling the same sources again (about 45 s of a busy CI machine's two cores, for each of the dozen
/// repositories these tests make). The stamp build.sh wrote is moved to the new root, and each source the stamp lists
/// that the repository holds unchanged gets the time the stamp names. A source that differs (a test that edits the
/// build, a checkout of another commit) leaves the listing different, and that build.sh compiles as it would anywhere:
/// compiling the build in a fresh clone is what CI's first ./build.sh and the consumer tests go through.
/// </summary>
public static class CompiledBuild
{
    public static void CopyInto(string root)
    {
        var source = ThrowawayRepository.SourceRoot;
        var stamp = Path.Combine(source, ".nuke", "temp", "build.stamp");
        var compiled = Path.Combine(source, "build", "bin");
        if (!File.Exists(stamp) || !File.Exists(Path.Combine(compiled, "_build.dll")))
            return;
        var lines = File.ReadAllLines(stamp);
        if (lines.Length < 2)
            return;
        var prefix = source.TrimEnd('/') + "/";
        var moved = new List<string> { lines[0] };
        foreach (var line in lines.Skip(1))
        {
            var space = line.LastIndexOf(' ');
            if (space < 0 || !line.StartsWith(prefix, StringComparison.Ordinal) || !long.TryParse(line[(space + 1)..], out var seconds))
                return;
            var relative = line[prefix.Length..space];
            var from = Path.Combine(source, relative);
            var to = Path.Combine(root, relative);
            if (File.Exists(to) && File.Exists(from) && SameContent(from, to))
                File.SetLastWriteTimeUtc(to, DateTime.UnixEpoch.AddSeconds(seconds));
            moved.Add(root.TrimEnd('/') + "/" + line[prefix.Length..]);
        }

        var bin = Path.Combine(root, "build", "bin");
        Directory.CreateDirectory(bin);
        foreach (var file in Directory.GetFiles(compiled, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(bin, Path.GetRelativePath(compiled, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to, overwrite: true);
        }

        var temp = Path.Combine(root, ".nuke", "temp");
        Directory.CreateDirectory(temp);
        File.WriteAllLines(Path.Combine(temp, "build.stamp"), moved);
    }

    private static bool SameContent(string a, string b)
    {
        var (first, second) = (new FileInfo(a), new FileInfo(b));
        return first.Length == second.Length && File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));
    }
}
