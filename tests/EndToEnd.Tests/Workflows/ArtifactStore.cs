using System.Text.RegularExpressions;

namespace EndToEnd.Tests.Workflows;

/// <summary>
/// The run's artifacts, a folder each, as actions/upload-artifact@v4 and download-artifact@v4 keep them: a name is
/// uploaded once per run (a second upload of it fails unless overwrite: true), files keep their paths below the
/// upload's root, and a download names an artifact that exists or fails.
/// </summary>
public sealed class ArtifactStore(string folder)
{
    private static readonly char[] Forbidden = ['"', ':', '<', '>', '|', '*', '?', '\r', '\n', '\\', '/'];
    private readonly Lock _lock = new();
    private readonly List<string> _names = [];

    /// <summary>The artifacts' names, in upload order.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_lock)
                return [.. _names];
        }
    }

    /// <summary>An artifact's folder, to read what it holds.</summary>
    public string Folder(string name) => Directory.Exists(Path.Combine(folder, name))
        ? Path.Combine(folder, name)
        : throw new InvalidOperationException($"The run has no artifact '{name}'; it has {string.Join(", ", Names)}.");

    /// <summary>The files of an artifact, relative to it.</summary>
    public IReadOnlyList<string> Files(string name) =>
        [.. Directory.EnumerateFiles(Folder(name), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Folder(name), f)).Order(StringComparer.Ordinal)];

    internal void Upload(string name, string root, IReadOnlyList<string> files, bool overwrite)
    {
        if (name.Length == 0 || name.IndexOfAny(Forbidden) >= 0)
            throw new WorkflowException($"The artifact name '{name}' is not valid: it may not contain \" : < > | * ? \\r \\n \\ /.");
        lock (_lock)
        {
            var target = Path.Combine(folder, name);
            if (Directory.Exists(target))
            {
                if (!overwrite)
                    throw new WorkflowException($"Failed to CreateArtifact: (409) Conflict: an artifact with this name already exists on the workflow run ('{name}'; upload-artifact@v4 takes each name once per run).");
                Directory.Delete(target, recursive: true);
                _names.Remove(name);
            }

            foreach (var file in files)
            {
                var to = Path.Combine(target, Path.GetRelativePath(root, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
            }

            Directory.CreateDirectory(target);
            _names.Add(name);
        }
    }

    /// <summary>Downloads one artifact by name, or every artifact whose name matches <paramref name="pattern"/> (all when null).</summary>
    internal IReadOnlyList<string> Download(string? name, string? pattern, string path, bool mergeMultiple)
    {
        var names = Names;
        lock (_lock)
        {
            if (name is not null)
            {
                if (!Directory.Exists(Path.Combine(folder, name)))
                    throw new WorkflowException($"Unable to download artifact(s): Artifact not found for name: {name} (this run has {(names.Count == 0 ? "none" : string.Join(", ", names))}).");
                CopyTree(Path.Combine(folder, name), path);
                return [name];
            }

            var regex = pattern is null ? null : new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$");
            var chosen = names.Where(n => regex?.IsMatch(n) ?? true).ToList();
            foreach (var artifact in chosen)
                CopyTree(Path.Combine(folder, artifact), mergeMultiple ? path : Path.Combine(path, artifact));
            return chosen;
        }
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
