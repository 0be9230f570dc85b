using Serilog;

namespace Keel.Execution;

/// <summary>Runs a plan target by target and records what happened to each.</summary>
/// <param name="contexts">Makes the context each target's actions run with.</param>
/// <param name="continueAfterFailure">--continue: a failure stops only the targets that depend on it.</param>
internal sealed class Executor(ILogger log, TimeProvider clock, BuildCancellation cancellation, TargetContexts contexts, Incremental.UpToDateCheck? upToDate = null, bool continueAfterFailure = false)
{
    public event Action<TargetRun>? TargetRunning;
    public event Action<TargetRun>? TargetFinished;

    public async Task<RunRecord> RunAsync(ExecutionPlan plan)
    {
        var runs = plan.Steps.Select(step => new TargetRun(step)).ToList();
        var byName = runs.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
        var record = new RunRecord(runs);
        string? stopReason = null;

        foreach (var run in runs)
        {
            if (cancellation.IsCancellationRequested)
                stopReason ??= "the build was cancelled";

            if (run.Step.SkipReason is { } skipReason)
            {
                Finish(run, TargetStatus.Skipped, skipReason);
                continue;
            }

            if (!run.Target.AssuredAfterFailure)
            {
                if (stopReason is not null)
                {
                    Finish(run, TargetStatus.NotRun, stopReason);
                    continue;
                }

                var brokenNeed = run.Target.DependsOn.Concat(DependentsNeeding(runs, run))
                    .Select(n => byName.GetValueOrDefault(n))
                    .FirstOrDefault(n => n is { Status: TargetStatus.Failed or TargetStatus.NotRun or TargetStatus.Aborted });
                if (brokenNeed is not null)
                {
                    Finish(run, TargetStatus.NotRun, $"{brokenNeed.Name} did not succeed");
                    continue;
                }
            }

            var (unmet, broken) = FirstUnmet(run);
            if (broken is not null)
            {
                Fail(run, broken);
                if (!run.Target.ProceedAfterFailure && !continueAfterFailure)
                    stopReason ??= $"{run.Name} failed";
                continue;
            }

            if (unmet is not null)
            {
                Finish(run, TargetStatus.Skipped, unmet);
                continue;
            }

            string? current;
            try
            {
                current = UpToDate(run, byName);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Fail(run, e is BuildException ? e : new BuildException($"Checking whether it is up to date failed: {e.GetType().Name}: {e.Message}", e));
                if (!run.Target.ProceedAfterFailure && !continueAfterFailure)
                    stopReason ??= $"{run.Name} failed";
                continue;
            }

            if (current is not null)
            {
                Finish(run, TargetStatus.UpToDate, current);
                continue;
            }

            await ExecuteAsync(run);
            if (run.Status == TargetStatus.Aborted)
                stopReason = "the build was cancelled";
            else if (run.Status == TargetStatus.Failed && !run.Target.ProceedAfterFailure && !continueAfterFailure)
                stopReason ??= $"{run.Name} failed";
        }

        record.Cancelled = cancellation.IsCancellationRequested;
        return record;
    }

    /// <summary>The first dynamic condition that does not hold; a condition that throws is an error of the target, not of the build.</summary>
    private static (string? Unmet, Exception? Broken) FirstUnmet(TargetRun run)
    {
        foreach (var condition in run.Target.DynamicConditions)
        {
            try
            {
                if (!condition.Evaluate())
                    return (condition.Text, null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return (null, e is BuildException ? e : new BuildException($"The condition '{condition.Text}' threw {e.GetType().Name}: {e.Message}", e));
            }
        }

        return (null, null);
    }

    /// <summary>Why the target is up to date, or null when it runs; a check that throws makes the target fail, as an action would.</summary>
    private string? UpToDate(TargetRun run, Dictionary<string, TargetRun> byName)
    {
        if (upToDate is null || !run.Target.IsIncremental)
            return null;
        var verdict = upToDate.Check(run, name => byName.GetValueOrDefault(name));
        log.Debug("{Target}: {State} ({Reason})", run.Name, verdict.UpToDate ? "up to date" : "runs", verdict.Reason);
        return verdict.UpToDate ? verdict.Reason : null;
    }

    /// <summary>Targets that declared DependentFor(this one) are needed by it too.</summary>
    private static IEnumerable<string> DependentsNeeding(List<TargetRun> runs, TargetRun run) =>
        runs.Where(r => r.Target.DependentFor.Contains(run.Name, StringComparer.OrdinalIgnoreCase)).Select(r => r.Name);

    private async Task ExecuteAsync(TargetRun run)
    {
        TargetRunning?.Invoke(run);
        if (run.Target.Actions.Count == 0)
        {
            Finish(run, TargetStatus.Collective, null);
            return;
        }

        var token = run.Target.AssuredAfterFailure && cancellation.IsCancellationRequested ? CancellationToken.None : cancellation.Token;
        // The context flows with this step only: once it returns, the next target's step starts without it.
        var context = contexts.Enter(run.Name, token);
        var started = clock.GetTimestamp();
        try
        {
            upToDate?.Starting(run);
            foreach (var action in run.Target.Actions)
                await WithCancellation(action(context), token);
            run.Duration = clock.GetElapsedTime(started);
            upToDate?.Succeeded(run, clock.GetUtcNow());
            Finish(run, TargetStatus.Succeeded, null);
        }
        catch (Exception error) when (cancellation.IsCancellationRequested && token.CanBeCanceled)
        {
            run.Duration = clock.GetElapsedTime(started);
            run.Error = error;
            Finish(run, TargetStatus.Aborted, "cancelled");
        }
        catch (Exception error)
        {
            run.Duration = clock.GetElapsedTime(started);
            Fail(run, error);
        }
    }

    /// <summary>Stops waiting for an action on Ctrl-C even when the action itself ignores the token.</summary>
    private static async Task WithCancellation(Task action, CancellationToken token)
    {
        if (!token.CanBeCanceled)
        {
            await action;
            return;
        }

        var cancelled = Task.Delay(Timeout.Infinite, token);
        var first = await Task.WhenAny(action, cancelled);
        await first;
        await action;
    }

    /// <summary>
    /// One line for the user; for an exception nobody expected, its type on that line and the stack trace at debug
    /// level (in build.log, and on the console with --verbosity verbose).
    /// </summary>
    private void Fail(TargetRun run, Exception error)
    {
        run.Error = error;
        if (error is BuildException)
        {
            log.Error("{Target} failed: {Message}", run.Name, error.Message);
        }
        else
        {
            log.Error("{Target} failed: {Type}: {Message}", run.Name, error.GetType().Name, error.Message);
            log.Debug(error, "{Target} failed", run.Name);
        }

        Finish(run, TargetStatus.Failed, error.Message);
    }

    private void Finish(TargetRun run, TargetStatus status, string? reason)
    {
        run.Status = status;
        run.Reason = reason;
        TargetFinished?.Invoke(run);
    }
}
