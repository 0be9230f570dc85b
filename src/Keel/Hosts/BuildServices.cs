using Keel.Execution;
using Keel.Logging;

namespace Keel.Hosts;

/// <summary>
/// Everything the engine takes from the outside world, handed in rather than read from statics: the real process
/// passes the system's, tests pass their own.
/// </summary>
internal sealed record BuildServices
{
    public required IReadOnlyDictionary<string, string> Environment { get; init; }
    public required string WorkingDirectory { get; init; }

    /// <summary>Where the build program lives; the root is looked for above it when the working directory is outside the repository.</summary>
    internal string? ProgramDirectory { get; init; }
    public required BuildConsole Console { get; init; }
    internal TimeProvider Clock { get; init; } = TimeProvider.System;
    internal BuildCancellation Cancellation { get; init; } = new();

    /// <summary>False: write no file log.</summary>
    internal bool WriteLogFile { get; init; } = true;

    /// <summary>Where the build runs, when the caller has resolved it; otherwise the run resolves it from <see cref="Environment"/>.</summary>
    internal Host? Host { get; init; }

    /// <summary>The services of this process: its environment, working directory and console.</summary>
    public static BuildServices ForThisProcess()
    {
        var environment = ProcessEnvironment.Read();
        var host = Keel.Host.From(environment);
        return new BuildServices
        {
            Environment = environment,
            Host = host,
            WorkingDirectory = Directory.GetCurrentDirectory(),
            ProgramDirectory = AppContext.BaseDirectory,
            Console = BuildConsole.System(environment, host),
        };
    }
}
