using System.Text;
using Keel.Lifecycle;

namespace Keel.Extensions;

/// <summary>
/// Generated files depend only on the compiled build and Keel. A stamp of both assemblies' ids, the root, and the
/// files' sizes and times lets a run skip rendering when nothing can have changed, which keeps start-up fast; any edit
/// to a generated file, or a new compile, makes the next run render and compare again. The stamp lists its files, so a
/// run checks it without first working out which files the build generates (for workflows, that means reading every
/// [GitHubActions] attribute): the same compiled build always generates the same files.
/// </summary>
internal static class GenerationStamp
{
    public static bool IsCurrent(BuildSession session, string name)
    {
        var path = Path(session, name);
        if (!File.Exists(path))
            return false;
        var text = File.ReadAllText(path);
        var files = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var tab = line.IndexOf('\t');
            if (tab >= 0)
                files.Add(line[(tab + 1)..]);
        }

        return text == Compute(session, files);
    }

    public static void Save(BuildSession session, string name, IEnumerable<string> files)
    {
        var path = Path(session, name);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Compute(session, files));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stamp only saves the next run some time; a temp folder that cannot take it costs nothing else.
        }
    }

    private static string Path(BuildSession session, string name) => session.TemporaryDirectory / "generated" / $"{name}.stamp";

    private static string Compute(BuildSession session, IEnumerable<string> files)
    {
        var text = new StringBuilder()
            .Append(session.Build.GetType().Module.ModuleVersionId).Append('\n')
            .Append(typeof(KeelBuild).Module.ModuleVersionId).Append('\n')
            .Append(session.RootDirectory.Value).Append('\n');
        foreach (var file in StableOrder.By(files, file => file, StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            text.Append(info.Exists ? $"{info.Length}|{info.LastWriteTimeUtc.Ticks}" : "missing").Append('\t').Append(file).Append('\n');
        }

        return text.ToString();
    }
}
