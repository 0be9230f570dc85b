namespace Keel.Tests.Support;

/// <summary>A throwaway git repository for tests, driven through the real git.</summary>
public sealed class GitRepository(TempDirectory directory)
{
    public string Path => directory.Path;

    public static GitRepository Init(TempDirectory directory, string branch = "main")
    {
        var repository = new GitRepository(directory);
        repository.Git("init", "-q", "-b", branch);
        repository.Git("config", "user.email", "tests@keel.local");
        repository.Git("config", "user.name", "Keel tests");
        repository.Git("config", "commit.gpgsign", "false");
        return repository;
    }

    public GitRepository Commit(string message = "change")
    {
        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", message);
        return this;
    }

    public GitRepository Tag(string name)
    {
        Git("tag", name);
        return this;
    }

    public string Git(params string[] arguments)
    {
        var (exit, output) = Command.Run("git", arguments, Path);
        return exit == 0 ? output.Trim() : throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {output}");
    }
}
