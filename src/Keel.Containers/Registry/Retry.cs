using Serilog;

namespace Keel.Containers;

/// <summary>
/// Retries an operation that failed for a passing reason (network, 5xx, a timeout), waiting longer each time, with
/// jitter so that runs that failed together do not come back together, and never past <see cref="TotalLimit"/>:
/// a failing registry ends the build in bounded time.
/// </summary>
internal sealed record Retry(int Attempts, TimeSpan FirstDelay)
{
    public static Retry Default { get; } = new(3, TimeSpan.FromSeconds(1));

    /// <summary>One attempt: for a look that may fail, where what follows tries again anyway.</summary>
    public static Retry Once { get; } = new(1, TimeSpan.Zero);

    /// <summary>No new attempt starts once this much time has passed since the first.</summary>
    public TimeSpan TotalLimit { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Each wait is the delay times a factor from 1 - Jitter to 1 + Jitter.</summary>
    public double Jitter { get; init; } = 0.25;

    /// <summary>Where the jitter comes from; tests hand in a seeded one.</summary>
    public Random Random { get; init; } = Random.Shared;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public T Run<T>(string what, Func<T> operation, Func<Exception, bool> isTransient, ILogger log, CancellationToken cancellationToken = default)
    {
        var started = Clock.GetTimestamp();
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return operation();
            }
            catch (Exception e) when (isTransient(e) && attempt < Attempts && Clock.GetElapsedTime(started) + delay < TotalLimit)
            {
                var wait = delay * (1 + Jitter * ((Random.NextDouble() * 2) - 1));
                log.Warning("{What} failed ({Reason}); trying again in {Seconds:0.#} s ({Attempt}/{Attempts}).", what, e.Message, wait.TotalSeconds, attempt + 1, Attempts);
                Task.Delay(wait, Clock, cancellationToken).GetAwaiter().GetResult();
                delay *= 2;
            }
            catch (Exception e) when (isTransient(e))
            {
                var tries = attempt == 1 ? "once" : $"{attempt} times";
                throw new BuildException($"{what} failed {tries}; last: {e.Message}", e);
            }
        }
    }
}
