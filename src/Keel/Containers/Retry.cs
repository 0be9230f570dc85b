using Serilog;

namespace Keel.Containers;

/// <summary>Retries an operation that failed for a passing reason (network, 5xx), waiting longer each time.</summary>
public sealed record Retry(int Attempts, TimeSpan FirstDelay)
{
    public static Retry Default { get; } = new(3, TimeSpan.FromSeconds(1));

    public T Run<T>(string what, Func<T> operation, Func<Exception, bool> isTransient, ILogger log, CancellationToken cancellationToken = default)
    {
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return operation();
            }
            catch (Exception e) when (attempt < Attempts && isTransient(e))
            {
                log.Warning("{What} failed ({Reason}); trying again in {Seconds:0.#} s ({Attempt}/{Attempts}).", what, e.Message, delay.TotalSeconds, attempt + 1, Attempts);
                Task.Delay(delay, cancellationToken).GetAwaiter().GetResult();
                delay *= 2;
            }
            catch (Exception e) when (isTransient(e))
            {
                throw new BuildException($"{what} failed {Attempts} times; last: {e.Message}", e);
            }
        }
    }
}
