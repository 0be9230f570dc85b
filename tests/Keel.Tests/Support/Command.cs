using System.Diagnostics;

namespace Keel.Tests.Support;

/// <summary>Runs a program from an argument list in a folder and returns its exit code and all it wrote.</summary>
public static class Command
{
    public static (int ExitCode, string Output) Run(string program, IEnumerable<string> arguments, string workingDirectory, Action<ProcessStartInfo>? configure = null)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        configure?.Invoke(start);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
