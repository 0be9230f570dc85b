using System.Security.Cryptography;
using System.Text;
using Keel.Tooling;
using Serilog;

namespace Keel.Versioning;

/// <summary>
/// Runs GitVersion's own program (tools/net10.0/gitversion.dll of the GitVersion.MsBuild package) and caches its
/// JSON per commit, branch, refs (every branch and tag), working-tree state and configuration. A commit tagged with
/// a semantic version is that version (<see cref="ReleaseVersionOverlay"/>). Repositories it cannot version correctly
/// (no git, a shallow clone, a detached HEAD on an untagged commit outside CI) end in one line that says how to fix them.
/// </summary>
/// <param name="processes">The build's runner when GitVersion runs: the target that first reads the version may run under its own token.</param>
/// <param name="host">The run's host: on GitHub Actions its ref says which branch or tag is built on a detached checkout.</param>
/// <param name="restoredPackage">The folder restore put GitVersion.MsBuild in when the build was compiled, as the build's assembly says; null when it does not say.</param>
internal sealed class GitVersionRunner(Func<ProcessRunner> processes, ToolResolver tools, IReadOnlyDictionary<string, string> environment, Host host, BuildLayout layout, ILogger log, string? restoredPackage)
{
    private readonly AbsolutePath root = layout.RootDirectory;

    public string ComputeJson(string? packageVersion)
    {
        var runner = processes();
        var git = new GitTool(runner, tools, root);
        if (!Directory.Exists(root / ".git") && !File.Exists(root / ".git"))
            throw new BuildException($"GitVersion needs a git repository and {root} is not one; build from a clone, not from a copy of the files.");
        if (git.Query("rev-parse", "--is-shallow-repository") == "true")
            throw new BuildException("The repository is a shallow clone, so GitVersion cannot see the history and tags it counts from; fetch all of it with 'git fetch --unshallow', or set 'fetch-depth: 0' on actions/checkout.");

        var commit = git.CurrentCommit();
        var ciRef = (host as GitHubActions.GitHubActions)?.Ref;
        var branch = git.TryQuery("symbolic-ref", "-q", "HEAD") ?? "";
        var tags = (git.TryQuery("tag", "--points-at", "HEAD") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var release = ReleaseTag.Highest(tags);
        // A detached HEAD on a tag is a release being rebuilt: the tag is the version.
        if (branch.Length == 0 && string.IsNullOrEmpty(ciRef) && tags.Length == 0)
            throw new BuildException("HEAD is detached (no branch is checked out), so GitVersion cannot tell which branch's rules apply; check out a branch ('git switch main') or a tag, or on CI check out with actions/checkout and 'fetch-depth: 0'.");

        var dll = Locate(packageVersion);
        var configuration = new[] { "GitVersion.yml", "GitVersion.yaml" }.Select(f => root / f).FirstOrDefault(f => f.FileExists());
        // GitVersion's answer depends on every branch and tag (a new tag on an ancestor changes it), so all refs key it.
        var refs = git.Query("for-each-ref", "--format=%(objectname) %(refname)");
        var key = Hash(dll, commit, branch, ciRef ?? "", refs, git.Query("status", "--porcelain"), configuration is null ? "" : File.ReadAllText(configuration));
        var cache = layout.TemporaryDirectory / "gitversion" / $"{key}.json";
        if (cache.FileExists())
        {
            log.Debug("GitVersion: cached answer {File}", cache.RelativeTo(root));
            return Released(File.ReadAllText(cache), release);
        }

        Directory.CreateDirectory(cache.Parent);
        var output = cache + ".tmp";
        var result = runner.Run(new ToolInvocation(tools.Resolve("dotnet"), [dll, root, "/output", "file", "/outputfile", output, "/nofetch"])
        {
            WorkingDirectory = root,
            LogOutput = false,
            CheckExitCode = false,
            // On a tag push, GitVersion's GitHub Actions support would take refs/tags/v1.2.3 for a branch named
            // "tags/v1.2.3", check that branch out and version it 1.2.4-tags-v1-2-3.1. Outside that support it
            // versions the tagged commit by its tag, which is what a release build means.
            Environment = ciRef?.StartsWith("refs/tags/", StringComparison.Ordinal) == true
                ? new Dictionary<string, string?> { [GitHubActions.GitHubActionsProvider.Variable] = null }
                : new Dictionary<string, string?>(),
        });
        if (result.ExitCode != 0 || !File.Exists(output))
        {
            var reason = result.Output.Select(l => l.Text.Trim()).LastOrDefault(l => l.Length > 0 && !l.StartsWith("INFO", StringComparison.Ordinal)) ?? $"exit code {result.ExitCode}";
            throw new BuildException($"GitVersion could not compute a version: {reason}");
        }

        File.Move(output, cache, overwrite: true);
        var json = Released(File.ReadAllText(cache), release);
        log.Information("GitVersion: {SemVer}", GitVersion.FromJson(json).SemVer);
        return json;
    }

    private string Released(string json, ReleaseTag? release)
    {
        if (release is null)
            return json;
        var computed = GitVersion.FromJson(json).SemVer;
        if (computed != release.Version.SemVer)
            log.Debug("GitVersion computed {Computed}; the commit is tagged {Tag}, so the version is {Version}.", computed, release.Name, release.Version.SemVer);
        return ReleaseVersionOverlay.Apply(json, release);
    }

    /// <summary>gitversion.dll, where restore put it (<see cref="GitVersionPackage"/>); one line saying how to restore it when it is nowhere.</summary>
    public string Locate(string? packageVersion)
    {
        var packages = GitVersionPackage.PackagesFolder(environment);
        return GitVersionPackage.Find(restoredPackage, packages, packageVersion)
            ?? throw new BuildException(GitVersionPackage.Missing(packages, packageVersion, layout.Show(layout.BuildProject)));
    }

    private static string Hash(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', parts))))[..20];
}
