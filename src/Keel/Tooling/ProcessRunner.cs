using System.Diagnostics;
using Keel.Logging;
using Serilog;

namespace Keel.Tooling;

/// <summary>
/// Starts processes from argument lists, streams their output into the log as it comes (standard error is not
/// an error by itself), checks the exit code, and kills the whole process tree on Ctrl-C.
/// </summary>
/// <param name="cancellationToken">What its processes run under: the build's Ctrl-C, or a target's token.</param>
public sealed class ProcessRunner(ILogger log, IReadOnlyDictionary<string, string> environment, Redactor redactor, CancellationToken cancellationToken = default)
{
    private static readonly TimeSpan CleanupLimit = TimeSpan.FromSeconds(30);

    /// <summary>What its processes, and waits outside a process (a health check, a server coming up), observe.</summary>
    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>The same runner (log, environment, redaction) under another token: a target's.</summary>
    internal ProcessRunner Under(CancellationToken token) => new(log, environment, redactor, token);

    public ProcessResult Run(ToolInvocation invocation) => RunAsync(invocation).GetAwaiter().GetResult();

    public async Task<ProcessResult> RunAsync(ToolInvocation invocation, CancellationToken cancellationToken = default)
    {
        var limit = invocation.Timeout ?? (invocation.IsCleanup ? CleanupLimit : (TimeSpan?)null);
        using var timer = limit is { } span ? new CancellationTokenSource(span) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(
            invocation.IsCleanup ? CancellationToken.None : cancellationToken,
            invocation.IsCleanup ? CancellationToken.None : CancellationToken,
            timer.Token);
        var token = linked.Token;
        token.ThrowIfCancellationRequested();

        var name = Path.GetFileNameWithoutExtension(invocation.Executable);
        var display = redactor.Redact(string.Join(' ', invocation.Arguments.Prepend(name).Select(Quote)));
        if (invocation.LogOutput)
            log.Information("> {Command}", display);
        else
            log.Debug("> {Command}", display);

        using var process = new Process { StartInfo = StartInfo(invocation) };
        var output = new List<OutputLine>();
        var stdoutDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderrDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => Receive(e.Data, false, stdoutDone);
        process.ErrorDataReceived += (_, e) => Receive(e.Data, true, stderrDone);

        void Receive(string? line, bool isError, TaskCompletionSource done)
        {
            if (line is null)
            {
                done.TrySetResult();
                return;
            }

            lock (output)
                output.Add(new OutputLine(line, isError));
            if (invocation.LogOutput)
                log.Information("{Line}", line);
            else
                log.Debug("{Line}", line);
        }

        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BuildException($"Could not start '{invocation.Executable}': {e.Message}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (invocation.StandardInput is not null)
        {
            try
            {
                await process.StandardInput.WriteAsync(invocation.StandardInput);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The process ended without reading its input; its exit code tells the story.
            }
        }

        try
        {
            await process.WaitForExitAsync(token);
            await Task.WhenAll(stdoutDone.Task, stderrDone.Task).WaitAsync(token);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested)
        {
            Kill(process);
            throw new ProcessTimeoutException(redactor.Redact($"'{Command(name, invocation.Arguments)}' did not finish within {limit!.Value.TotalSeconds:0} s and was stopped."));
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            log.Warning("Stopped '{Command}': the build was cancelled.", display);
            throw;
        }

        var result = new ProcessResult(process.ExitCode, [.. output]);
        if (invocation.CheckExitCode && result.ExitCode != 0)
        {
            // The last thing the tool said is why it failed: the final line carries it.
            var last = result.Output.LastOrDefault(l => l.Text.Trim().Length > 0)?.Text.Trim();
            var reason = last is null ? "." : $": {last}";
            throw new ProcessFailedException(redactor.Redact($"'{Command(name, invocation.Arguments)}' exited with code {result.ExitCode}{reason}"), result.ExitCode, result);
        }

        return result;
    }

    private ProcessStartInfo StartInfo(ToolInvocation invocation)
    {
        var info = new ProcessStartInfo(invocation.Executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = invocation.StandardInput is not null,
            WorkingDirectory = invocation.WorkingDirectory ?? "",
        };
        foreach (var argument in invocation.Arguments)
            info.ArgumentList.Add(argument);
        info.Environment.Clear();
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        foreach (var (key, value) in invocation.Environment)
        {
            if (value is null)
                info.Environment.Remove(key);
            else
                info.Environment[key] = value;
        }

        return info;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>"dotnet build" for messages: the tool and its first word, which says what it was doing.</summary>
    private static string Command(string name, IReadOnlyList<string> arguments) =>
        arguments.Count > 0 && !arguments[0].StartsWith('-') ? $"{name} {arguments[0]}" : name;

    private static string Quote(string argument) =>
        argument.Length == 0 ? "\"\"" : argument.Any(c => char.IsWhiteSpace(c) || c == '"') ? $"\"{argument.Replace("\"", "\\\"")}\"" : argument;
}
