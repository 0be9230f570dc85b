using System.Diagnostics;

namespace EndToEnd.Tests;

/// <summary>
/// One run of the real ./build.sh in a throwaway repository. While it runs, the command lines of every process on
/// the machine are sampled, so a test can prove a secret never appeared in any of them.
/// </summary>
public sealed record BuildRun(int ExitCode, string Output, string LogFile, IReadOnlyCollection<string> CommandLines)
{
    public static BuildRun Start(ThrowawayRepository repository, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Run(repository, environment, null, null, arguments);

    /// <summary>
    /// Like <see cref="Start(ThrowawayRepository, IReadOnlyDictionary{string, string}, string[])"/>, but presses Ctrl-C
    /// (SIGINT to the build) as soon as a line of its output contains <paramref name="interruptAt"/>.
    /// </summary>
    public static BuildRun StartAndInterrupt(ThrowawayRepository repository, IReadOnlyDictionary<string, string> environment, string interruptAt, params string[] arguments) =>
        Run(repository, environment, interruptAt, build => Shell.Run("kill", ["-INT", build.ToString(System.Globalization.CultureInfo.InvariantCulture)]), arguments);

    /// <summary>
    /// Like <see cref="Start(ThrowawayRepository, IReadOnlyDictionary{string, string}, string[])"/>, but kills the build
    /// outright (SIGKILL: no cleanup) once a line of its output contains <paramref name="killAt"/> and then
    /// <paramref name="ready"/> holds (it is asked for up to a minute).
    /// </summary>
    public static BuildRun StartAndKill(ThrowawayRepository repository, IReadOnlyDictionary<string, string> environment, string killAt, Func<bool> ready, params string[] arguments) =>
        Run(repository, environment, killAt, build =>
        {
            for (var i = 0; i < 300 && !ready(); i++)
                Thread.Sleep(200);
            Shell.Run("kill", ["-KILL", build.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }, arguments);

    private static BuildRun Run(ThrowawayRepository repository, IReadOnlyDictionary<string, string> environment, string? interruptAt, Action<int>? interrupt, string[] arguments)
    {
        var start = new ProcessStartInfo(System.IO.Path.Combine(repository.Path, "build.sh"))
        {
            WorkingDirectory = repository.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["NO_COLOR"] = "1";
        // As on a developer's machine, whatever runs the tests: no CI runner's variables, unless a test sets them.
        var inherited = start.Environment.Keys.Where(key => key.StartsWith("GITHUB_", StringComparison.Ordinal) || key.StartsWith("RUNNER_", StringComparison.Ordinal)
            || key.StartsWith("ACTIONS_", StringComparison.Ordinal) || key is "CI" or "REGISTRY" or "REGISTRY_PASSWORD" or "DOCKER_EXE").ToList();
        foreach (var name in inherited)
            start.Environment.Remove(name);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        var commandLines = new HashSet<string>();
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var interrupted = false;
        var reader = Task.Run(() =>
        {
            // build.sh hands over to the build with exec: the process started here is the build itself.
            while (process.StandardOutput.ReadLine() is { } line)
            {
                lock (output)
                    output.AppendLine(line);
                if (interruptAt is not null && !interrupted && line.Contains(interruptAt, StringComparison.Ordinal))
                {
                    interrupted = true;
                    interrupt?.Invoke(process.Id);
                }
            }
        });
        var errors = process.StandardError.ReadToEndAsync();
        while (!process.WaitForExit(20))
            Sample(commandLines);
        reader.Wait();
        var log = System.IO.Path.Combine(repository.Path, ".nuke", "temp", "build.log");
        return new BuildRun(process.ExitCode, output + errors.Result, File.Exists(log) ? File.ReadAllText(log) : "", commandLines);
    }

    /// <summary>Every process's command line, read from /proc as ps does.</summary>
    private static void Sample(HashSet<string> commandLines)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var text = File.ReadAllText(System.IO.Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim();
                if (text.Length > 0)
                    commandLines.Add(text);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended between listing and reading.
            }
        }
    }
}
