using System.Diagnostics;

namespace EndToEnd.Tests.Workflows;

/// <summary>
/// A run: step's shell process, started from an argument list with the step's environment (nothing inherited but what
/// is handed in), its output passed on line by line as it comes, and killed with everything it started when the
/// step's time is up.
/// </summary>
internal static class StepProcess
{
    /// <returns>The exit code, or null when it ran out of time and was killed.</returns>
    public static int? Run(string program, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout, Action<string> line)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        var gate = new Lock();
        using var process = new Process { StartInfo = start };
        void Receive(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
                return;
            lock (gate)
                line(e.Data);
        }

        process.OutputDataReceived += Receive;
        process.ErrorDataReceived += Receive;
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return null;
        }

        // The parameterless wait also waits for the end of both output streams.
        process.WaitForExit();
        return process.ExitCode;
    }
}
