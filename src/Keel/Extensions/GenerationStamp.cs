using System.Text;
using Keel.Lifecycle;

namespace Keel.Extensions;

/// <summary>
/// Generated files depend only on the compiled build and Keel. A stamp of both assemblies' ids and of the files'
/// sizes and times lets a run skip rendering when nothing can have changed, which keeps start-up fast; any edit
/// to a generated file, or a new compile, makes the next run render and compare again.
/// </summary>
internal static class GenerationStamp
{
    public static bool IsCurrent(BuildSession session, string name, IEnumerable<string> files) =>
        File.Exists(Path(session, name)) && File.ReadAllText(Path(session, name)) == Compute(session, files);

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
            .Append(typeof(KeelBuild).Module.ModuleVersionId).Append('\n');
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            text.Append(file).Append('|').Append(info.Exists ? $"{info.Length}|{info.LastWriteTimeUtc.Ticks}" : "missing").Append('\n');
        }

        return text.ToString();
    }
}
