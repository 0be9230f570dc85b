using System.Diagnostics;

namespace Keel.Tests.Support;

/// <summary>
/// Runs a program from an argument list in a folder and returns its exit code and all it wrote. The program runs as
/// on a developer's machine even when the tests run on GitHub Actions: the runner's variables are not passed on
/// (a build would otherwise act as a CI host and write into the runner's own job summary); a test that wants them
/// sets them in <c>configure</c>.
/// </summary>
public static class Command
{
    public static (int ExitCode, string Output) Run(string program, IEnumerable<string> arguments, string workingDirectory, Action<ProcessStartInfo>? configure = null)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        AsOnADevelopersMachine(start);
        configure?.Invoke(start);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    /// <summary>Removes what a CI runner sets (GITHUB_*, RUNNER_*, ACTIONS_*, CI) from a process's environment.</summary>
    public static void AsOnADevelopersMachine(ProcessStartInfo start)
    {
        var runner = start.Environment.Keys
            .Where(key => key.StartsWith("GITHUB_", StringComparison.Ordinal) || key.StartsWith("RUNNER_", StringComparison.Ordinal)
                || key.StartsWith("ACTIONS_", StringComparison.Ordinal) || key == "CI")
            .ToList();
        foreach (var key in runner)
            start.Environment.Remove(key);
    }
}
