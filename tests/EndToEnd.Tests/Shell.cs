using System.Diagnostics;

namespace EndToEnd.Tests;

/// <summary>Runs a program from an argument list and returns its exit code and output.</summary>
public static class Shell
{
    public static (int ExitCode, string Output) Run(string program, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, string? input = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    public static string Check(string program, params string[] arguments)
    {
        var (exit, output) = Run(program, arguments);
        return exit == 0 ? output.Trim() : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({exit}): {output}");
    }
}
