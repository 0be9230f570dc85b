namespace Keel.Execution;

public enum TargetStatus
{
    /// <summary>Not reached yet.</summary>
    Pending,

    /// <summary>Its actions ran without an error.</summary>
    Succeeded,

    /// <summary>An action threw.</summary>
    Failed,

    /// <summary>Skipped on request, by a condition, or because only skipped targets needed it.</summary>
    Skipped,

    /// <summary>Not started because of an earlier failure or a cancellation.</summary>
    NotRun,

    /// <summary>Stopped by a cancellation (Ctrl-C) while it ran.</summary>
    Aborted,

    /// <summary>It has no actions of its own: it only groups other targets.</summary>
    Collective,

    /// <summary>Its inputs and outputs are as at its last success: it did not run.</summary>
    UpToDate,
}
