using System.Diagnostics;

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
        var start = new ProcessStartInfo("git") { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {error.Result}");
        return output.Trim();
    }
}
