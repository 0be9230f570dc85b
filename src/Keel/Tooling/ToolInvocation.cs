namespace Keel.Tooling;

/// <summary>One process to start: an executable and its arguments as a list, never one shell string.</summary>
public sealed record ToolInvocation(string Executable, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables to set (a null value removes one) on top of the build's environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Written to the process's standard input, then closed: the way to hand it a secret.</summary>
    public string? StandardInput { get; init; }

    /// <summary>False: a non-zero exit code is returned, not thrown.</summary>
    public bool CheckExitCode { get; init; } = true;

    /// <summary>False: output is captured and logged at debug level only (for queries such as <c>git rev-parse</c>).</summary>
    public bool LogOutput { get; init; } = true;

    /// <summary>How long the process may run before it is stopped and the run fails; no limit when null.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Cleanup (a logout, removing a container): runs even after Ctrl-C, with its own time limit
    /// (<see cref="Timeout"/>, else 30 s) instead of the build's cancellation.
    /// </summary>
    public bool IsCleanup { get; init; }
}
