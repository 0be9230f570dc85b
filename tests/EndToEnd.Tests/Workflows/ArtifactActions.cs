namespace EndToEnd.Tests.Workflows;

/// <summary>actions/upload-artifact@v4 and actions/download-artifact@v4, on the run's <see cref="ArtifactStore"/>.</summary>
internal static class ArtifactActions
{
    public static IReadOnlyDictionary<string, string> Upload(LocalActionContext context, OrderedMap with)
    {
        var name = LocalActions.Input(with, "name") is { Length: > 0 } given ? given : "artifact";
        var patterns = (LocalActions.Input(with, "path") ?? throw new WorkflowException("actions/upload-artifact: Input required and not supplied: path"))
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var (files, searchPaths) = FileGlob.Match(context.Workspace, patterns);
        // Hidden files (a name starting with '.') below the searched folders stay out unless include-hidden-files.
        if (!LocalActions.Flag(with, "include-hidden-files", false))
            files = [.. files.Where(file => !Hidden(file, searchPaths))];
        if (files.Count == 0)
        {
            var message = $"No files were found with the provided path: {string.Join(", ", patterns)}. No artifacts will be uploaded.";
            switch (LocalActions.Input(with, "if-no-files-found") ?? "warn")
            {
                case "error":
                    throw new WorkflowException(message);
                case "ignore":
                    context.Log(message);
                    break;
                default:
                    context.Log($"Warning: {message}");
                    break;
            }

            return new Dictionary<string, string>();
        }

        var root = Root(searchPaths);
        context.Artifacts.Upload(name, root, files, LocalActions.Flag(with, "overwrite", false));
        context.Log($"Uploaded artifact '{name}': {files.Count} file(s) from {Path.GetRelativePath(context.Workspace, root)}.");
        return new Dictionary<string, string> { ["artifact-id"] = name, ["artifact-url"] = $"artifact://{name}" };
    }

    public static IReadOnlyDictionary<string, string> Download(LocalActionContext context, OrderedMap with)
    {
        if (LocalActions.Input(with, "run-id") is { Length: > 0 } || LocalActions.Input(with, "repository") is { Length: > 0 })
            throw new WorkflowException("actions/download-artifact from another run or repository is not run by the workflow harness.");
        var path = LocalActions.Input(with, "path") is { Length: > 0 } given ? Path.GetFullPath(Path.Combine(context.Workspace, given)) : context.Workspace;
        var name = LocalActions.Input(with, "name") is { Length: > 0 } named ? named : null;
        var downloaded = context.Artifacts.Download(name, LocalActions.Input(with, "pattern"), path, LocalActions.Flag(with, "merge-multiple", false));
        context.Log($"Downloaded {(downloaded.Count == 0 ? "no artifact" : string.Join(", ", downloaded))} into {path}.");
        return new Dictionary<string, string> { ["download-path"] = path };
    }

    /// <summary>The folder the files keep their paths below: a single search path (or its folder, for a file), else their common ancestor.</summary>
    private static string Root(IReadOnlyList<string> searchPaths)
    {
        if (searchPaths.Count == 1)
            return Directory.Exists(searchPaths[0]) ? searchPaths[0] : Path.GetDirectoryName(searchPaths[0])!;
        var common = searchPaths[0].Split('/');
        foreach (var other in searchPaths.Skip(1).Select(p => p.Split('/')))
            common = [.. common.Zip(other).TakeWhile(pair => pair.First == pair.Second).Select(pair => pair.First)];
        return string.Join('/', common) is { Length: > 0 } root ? root : "/";
    }

    private static bool Hidden(string file, IReadOnlyList<string> searchPaths)
    {
        var search = searchPaths.Where(s => file.StartsWith(s.TrimEnd('/') + "/", StringComparison.Ordinal) || file == s).MaxBy(s => s.Length);
        var below = search is null || search == file ? Path.GetFileName(file) : file[(search.TrimEnd('/').Length + 1)..];
        return below.Split('/').Any(segment => segment.StartsWith('.'));
    }
}
