using Keel.Incremental;
using Keel.Tooling;
using Serilog;

namespace Keel.Execution;

/// <summary>
/// Makes each target's <see cref="TargetContext"/> as it starts, and keeps the one of the target running now for the
/// build's properties (<c>Processes</c>, <c>Incremental</c>, <c>DotNet</c>), which NUKE-style actions that take no
/// context read. It flows with the target's work (an async local), so work a target starts sees that target's.
/// </summary>
/// <param name="processes">The build's runner, under the build's Ctrl-C: what runs outside any target uses it.</param>
internal sealed class TargetContexts(ILogger log, ProcessRunner processes, UpToDateCheck upToDate, TimeProvider clock)
{
    private readonly AsyncLocal<TargetContext?> _running = new();
    private ProcessRunner? _uncancellable;
    private IncrementalWork? _outside;

    /// <summary>The context of the target whose actions run in this flow; null outside any target.</summary>
    public TargetContext? Running => _running.Value;

    /// <summary>The running target's runner; the build's outside targets.</summary>
    public ProcessRunner Processes => Running?.Processes ?? processes;

    /// <summary>Units of work are checked inside a target; outside one, <see cref="IncrementalWork.Unit"/> says so.</summary>
    public IncrementalWork Incremental => Running?.Incremental ?? (_outside ??= new IncrementalWork(upToDate, clock, target: null));

    /// <summary>
    /// The context of a target that starts now, which this flow (the target's actions and the work they start) runs
    /// in until the executor's step returns.
    /// </summary>
    public TargetContext Enter(string target, CancellationToken token)
    {
        var context = new TargetContext(target, token, log, RunnerUnder(token), new IncrementalWork(upToDate, clock, target));
        _running.Value = context;
        return context;
    }

    // One runner per token, so tools the build keeps (DotNet, Git) are made again only when the token changes.
    private ProcessRunner RunnerUnder(CancellationToken token) =>
        token == processes.CancellationToken ? processes
        : token == CancellationToken.None ? _uncancellable ??= processes.Under(CancellationToken.None)
        : processes.Under(token);
}
