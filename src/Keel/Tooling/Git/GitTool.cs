namespace Keel.Tooling;

/// <summary>Thin <c>git</c> access for the build: queries return trimmed standard output.</summary>
public sealed class GitTool(ProcessRunner runner, ToolResolver resolver, string workingDirectory)
{
    /// <summary>Runs git quietly (output in the debug log only) and returns its trimmed standard output.</summary>
    public string Query(params string[] arguments) =>
        Run(arguments, logOutput: false).StandardOutput.Trim();

    /// <summary>Like <see cref="Query"/>, but null when git fails (no such ref, no remote, not a tag).</summary>
    public string? TryQuery(params string[] arguments)
    {
        var result = runner.Run(new ToolInvocation(resolver.Resolve("git"), arguments) { WorkingDirectory = workingDirectory, LogOutput = false, CheckExitCode = false });
        return result.ExitCode == 0 ? result.StandardOutput.Trim() : null;
    }

    /// <summary>Runs git with its output in the log.</summary>
    public ProcessResult Run(params string[] arguments) => Run(arguments, logOutput: true);

    public string CurrentCommit() => TryQuery("rev-parse", "-q", "--verify", "HEAD") is { Length: > 0 } commit
        ? commit
        : throw new BuildException($"The repository in {workingDirectory} has no commits yet, so there is nothing to version or build; commit your files first (git add -A && git commit -m \"First commit\").");

    /// <summary>
    /// The tree object of the working directory as it is (tracked changes and new files that are not ignored), or
    /// null when it is exactly HEAD's; changes to <paramref name="disregarded"/> (pathspecs) do not count. Written
    /// through a copy of the index, so the repository's own index is untouched.
    /// </summary>
    public string? ModifiedTree(params string[] disregarded)
    {
        string[] paths = ["--", ".", .. disregarded.Select(path => $":(exclude,glob){path}")];
        if (Query(["status", "--porcelain", "--untracked-files=all", .. paths]).Length == 0)
            return null;
        var index = Path.Combine(Path.GetTempPath(), $"keel-index-{Guid.NewGuid():N}");
        try
        {
            var current = Path.GetFullPath(Query("rev-parse", "--git-path", "index"), workingDirectory);
            if (File.Exists(current))
                File.Copy(current, index);
            var environment = new Dictionary<string, string?> { ["GIT_INDEX_FILE"] = index };
            runner.Run(new ToolInvocation(resolver.Resolve("git"), ["add", "-A", .. paths]) { WorkingDirectory = workingDirectory, LogOutput = false, Environment = environment });
            return runner.Run(new ToolInvocation(resolver.Resolve("git"), ["write-tree"]) { WorkingDirectory = workingDirectory, LogOutput = false, Environment = environment }).StandardOutput.Trim();
        }
        finally
        {
            File.Delete(index);
        }
    }

    /// <summary>The checked-out branch, or null on a detached HEAD.</summary>
    public string? CurrentBranch() => Query("rev-parse", "--abbrev-ref", "HEAD") is var branch && branch != "HEAD" ? branch : null;

    private ProcessResult Run(string[] arguments, bool logOutput) =>
        runner.Run(new ToolInvocation(resolver.Resolve("git"), arguments) { WorkingDirectory = workingDirectory, LogOutput = logOutput });
}
