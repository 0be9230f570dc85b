namespace EndToEnd.Tests;

/// <summary>
/// A fresh git repository holding this repository's files (what git tracks, plus new files it does not ignore),
/// with a GitHub-like remote address and one commit, ready for tags. It is the app's repository as a team has it:
/// the app, its tests, the build and the engine's source the build references; the engine's own tests are left out
/// and the solution lists the app and its tests, so that its Compile builds what a team's does (the engine is
/// compiled with the build, <see cref="CompiledBuild"/>). <see cref="Whole"/> keeps everything, for Pack.
/// </summary>
public sealed class ThrowawayRepository : IDisposable
{
    public ThrowawayRepository(string remote = "https://github.com/Acme-Corp/store.git")
        : this(remote, whole: false, path: null)
    {
    }

    /// <summary>Every file of this repository, the engine's tests and its full solution included.</summary>
    /// <param name="path">Where the copy goes; a new folder under the temp folder when null.</param>
    public static ThrowawayRepository Whole(string? path = null) => new("https://github.com/Acme-Corp/store.git", whole: true, path);

    /// <summary>
    /// This repository with only some of the engine's tests: the app's repository, the engine's source, and the folders
    /// named (a test project, a project it references, the files it compiles from elsewhere); the solution lists the
    /// projects the copy holds. What TestEngine runs in it is what the solution lists.
    /// </summary>
    public static ThrowawayRepository WithEngineTests(params string[] folders) =>
        new("https://github.com/Acme-Corp/store.git", whole: true, path: null, keep: folders);

    private ThrowawayRepository(string remote, bool whole, string? path, string[]? keep = null)
    {
        Path = path ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "keel-e2e", Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path);
        var source = SourceRoot;
        var files = Shell.Check("git", "-C", source, "ls-files", "--cached", "--others", "--exclude-standard")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        bool Kept(string file) => keep is null
            ? whole || IsTheAppRepository(file)
            : IsTheAppRepository(file) || keep.Any(folder => file.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal));
        foreach (var file in files.Where(Kept))
        {
            var from = System.IO.Path.Combine(source, file);
            if (!File.Exists(from))
                continue;
            var to = System.IO.Path.Combine(Path, file);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(to)!);
            File.Copy(from, to);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(to, File.GetUnixFileMode(from));
        }

        if (!whole)
            ListTheAppInTheSolution();
        if (keep is not null)
            ListWhatTheCopyHolds();
        CompiledBuild.CopyInto(Path);
        Git("init", "-q", "-b", "main");
        Git("config", "user.email", "e2e@keel.local");
        Git("config", "user.name", "Keel end-to-end tests");
        Git("remote", "add", "origin", remote);
        Git("add", "-A");
        Git("commit", "-q", "-m", "The store");
    }

    private ThrowawayRepository(DirectoryInfo directory) => Path = directory.FullName;

    /// <summary>
    /// A checkout of <paramref name="origin"/> made the way actions/checkout makes it with fetch-depth 0: an empty
    /// repository with origin, every branch as a remote branch, every tag, and <paramref name="reference"/> checked
    /// out (see <see cref="CheckOutLikeGitHubActions"/>). With a <paramref name="fetchDepth"/> above 0, as actions/checkout
    /// does then: only <paramref name="sha"/> (or the reference's commit), that many commits deep, without tags, under
    /// the reference's name.
    /// </summary>
    /// <param name="path">Where the checkout goes (a job's workspace); a new folder under the temp folder when null.</param>
    public static ThrowawayRepository CheckedOutLikeGitHubActions(ThrowawayRepository origin, string reference, string? path = null, int fetchDepth = 0, string? sha = null)
    {
        var checkout = new ThrowawayRepository(Directory.CreateDirectory(path ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "keel-e2e", Guid.NewGuid().ToString("N")[..10])));
        checkout.Git("init", "-q");
        checkout.Git("remote", "add", "origin", origin.Path);
        if (fetchDepth == 0)
            checkout.CheckOutLikeGitHubActions(reference);
        else
            checkout.CheckOutShallowLikeGitHubActions(reference, sha ?? origin.Git("rev-parse", $"{reference}^{{commit}}"), fetchDepth);
        checkout.Git("config", "user.email", "e2e@keel.local");
        checkout.Git("config", "user.name", "Keel end-to-end tests");
        CompiledBuild.CopyInto(checkout.Path);
        return checkout;
    }

    /// <summary>
    /// Checks out <paramref name="reference"/> as actions/checkout does with fetch-depth 0, in this checkout as it is
    /// (the workspace a self-hosted runner keeps from job to job, with clean: false: what earlier builds left stays).
    /// Every branch and tag is fetched afresh (the branches of earlier checkouts deleted first, as actions/checkout
    /// deletes them), then: a tag detached, a branch as a local branch at the remote branch's tip, a pull request's ref
    /// (refs/pull/7/merge) fetched and detached, a commit (a workflow's ref: head.sha) fetched and detached.
    /// </summary>
    public void CheckOutLikeGitHubActions(string reference)
    {
        if (Shell.Run("git", ["-C", Path, "rev-parse", "-q", "--verify", "HEAD"]).ExitCode == 0)
        {
            Git("checkout", "-q", "--detach");
            foreach (var branch in Git("for-each-ref", "--format=%(refname)", "refs/heads", "refs/remotes").Split('\n', StringSplitOptions.RemoveEmptyEntries))
                Git("update-ref", "-d", branch);
        }

        Git("fetch", "-q", "origin", "+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*");
        if (reference.StartsWith("refs/heads/", StringComparison.Ordinal))
        {
            // A branch push: a local branch at the remote branch's tip.
            var branch = reference["refs/heads/".Length..];
            Git("checkout", "-q", "--force", "-B", branch, $"refs/remotes/origin/{branch}");
        }
        else if (reference.StartsWith("refs/pull/", StringComparison.Ordinal))
        {
            var remote = $"refs/remotes/{reference["refs/".Length..]}";
            Git("fetch", "-q", "origin", $"+{reference}:{remote}");
            Git("checkout", "-q", "--force", remote);
        }
        else if (reference.Length == 40 && reference.All(char.IsAsciiHexDigit))
        {
            Git("fetch", "-q", "origin", reference);
            Git("checkout", "-q", "--force", reference);
        }
        else
        {
            Git("checkout", "-q", "--force", reference);
        }
    }

    /// <summary>
    /// actions/checkout with a fetch-depth above 0: the one commit fetched that deep, without tags, into the ref it
    /// checks out (a branch as a local branch at refs/remotes/origin/NAME, a tag detached at refs/tags/NAME, a pull
    /// request detached at refs/remotes/pull/N/merge).
    /// </summary>
    private void CheckOutShallowLikeGitHubActions(string reference, string sha, int depth)
    {
        var local = reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? $"refs/remotes/origin/{reference["refs/heads/".Length..]}"
            : reference.StartsWith("refs/pull/", StringComparison.Ordinal) ? $"refs/remotes/{reference["refs/".Length..]}"
            : reference.StartsWith("refs/tags/", StringComparison.Ordinal) ? reference
            : null;
        // file:// so that git honours --depth for a repository on this machine, as it does for GitHub's.
        Git("remote", "set-url", "origin", "file://" + Git("remote", "get-url", "origin"));
        Git("fetch", "-q", "--no-tags", "--prune", $"--depth={depth.ToString(System.Globalization.CultureInfo.InvariantCulture)}", "origin", local is null ? sha : $"+{sha}:{local}");
        if (reference.StartsWith("refs/heads/", StringComparison.Ordinal))
            Git("checkout", "-q", "--force", "-B", reference["refs/heads/".Length..], local!);
        else
            Git("checkout", "-q", "--force", local ?? sha);
    }

    /// <summary>A new repository with nothing in it yet: another team's, which has none of this repository's files.</summary>
    /// <param name="path">Where it goes; a new folder under the temp folder when null.</param>
    public static ThrowawayRepository Empty(string? path = null)
    {
        var repository = new ThrowawayRepository(Directory.CreateDirectory(path ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "keel-e2e", Guid.NewGuid().ToString("N")[..10])));
        repository.Git("init", "-q", "-b", "main");
        repository.Git("config", "user.email", "e2e@keel.local");
        repository.Git("config", "user.name", "Keel end-to-end tests");
        return repository;
    }

    /// <summary>Writes a file of the repository, making its folders.</summary>
    public string Write(string relative, string text)
    {
        var file = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    public string Path { get; }

    /// <summary>The repository these tests belong to.</summary>
    public static string SourceRoot { get; } = FindRoot();

    public string Git(params string[] arguments) => Shell.Check("git", ["-C", Path, .. arguments]);

    public string HeadCommit => Git("rev-parse", "HEAD");

    /// <summary>Branches at HEAD beside main, as real repositories have them (a Dependabot branch, a feature branch).</summary>
    public ThrowawayRepository WithBranches(params string[] names)
    {
        foreach (var name in names)
            Git("branch", name);
        return this;
    }

    public void Dispose()
    {
        // The build's outputs belong to root inside containers and test runs; remove what can be removed.
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static bool IsTheAppRepository(string file) =>
        !file.StartsWith("tests/", StringComparison.Ordinal) || file.StartsWith("tests/Store.Tests/", StringComparison.Ordinal);

    private void ListTheAppInTheSolution()
    {
        foreach (var solution in Directory.GetFiles(Path, "*.slnx"))
        {
            var document = System.Xml.Linq.XDocument.Load(solution);
            var engine = document.Descendants("Project")
                .Where(p => p.Attribute("Path")?.Value is { } path && (path.StartsWith("src/Keel", StringComparison.Ordinal) || (path.StartsWith("tests/", StringComparison.Ordinal) && !IsTheAppRepository(path))))
                .ToList();
            engine.ForEach(p => p.Remove());
            document.Save(solution);
        }
    }

    private void ListWhatTheCopyHolds()
    {
        foreach (var solution in Directory.GetFiles(Path, "*.slnx"))
        {
            var document = System.Xml.Linq.XDocument.Load(solution);
            document.Descendants("Project").Where(p => !File.Exists(System.IO.Path.Combine(Path, p.Attribute("Path")?.Value ?? ""))).ToList().ForEach(p => p.Remove());
            document.Save(solution);
        }
    }

    private static string FindRoot()
    {
        for (var directory = AppContext.BaseDirectory; directory is not null; directory = System.IO.Path.GetDirectoryName(directory))
        {
            if (File.Exists(System.IO.Path.Combine(directory, "global.json")) && Directory.Exists(System.IO.Path.Combine(directory, ".nuke")))
                return directory;
        }

        throw new InvalidOperationException("The end-to-end tests run outside the repository.");
    }
}
