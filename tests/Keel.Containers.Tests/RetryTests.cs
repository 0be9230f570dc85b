using Keel.Containers;
using Serilog;

namespace Keel.Containers.Tests;

public class RetryTests
{
    private static readonly ILogger Quiet = new LoggerConfiguration().CreateLogger();
    private static readonly Retry Fast = new(3, TimeSpan.FromMilliseconds(1));

    [Fact]
    public void PassingFailuresAreRetriedUntilTheOperationSucceeds()
    {
        var calls = 0;

        var result = Fast.Run("Pushing", () => ++calls < 3 ? throw new HttpRequestException("connection refused") : "done", _ => true, Quiet);

        Assert.Equal("done", result);
        Assert.Equal(3, calls);
    }

    [Fact]
    public void AfterTheLastAttemptTheFailureIsOneLineNamingTheOperation()
    {
        var calls = 0;

        var error = Assert.Throws<BuildException>(() => Fast.Run<int>("Logging in to r", () => { calls++; throw new HttpRequestException("connection refused"); }, _ => true, Quiet));

        Assert.Equal(3, calls);
        Assert.Equal("Logging in to r failed 3 times; last: connection refused", error.Message);
    }

    [Fact]
    public void NoAttemptStartsAfterTheTotalLimit()
    {
        var clock = new JumpingClock();
        var calls = 0;
        var retry = new Retry(10, TimeSpan.FromSeconds(30)) { TotalLimit = TimeSpan.FromMinutes(2), Clock = clock, Jitter = 0 };

        var error = Assert.Throws<BuildException>(() => retry.Run<int>("Pushing", () =>
        {
            calls++;
            clock.Advance(TimeSpan.FromSeconds(20)); // the attempt itself takes time, and so do the waits
            throw new HttpRequestException("503 Service Unavailable");
        }, _ => true, Quiet));

        // 20 s, wait 30, 20 s, wait 60: the next wait (120 s) would end past the limit.
        Assert.Equal(2, calls);
        Assert.Equal("Pushing failed 2 times; last: 503 Service Unavailable", error.Message);
    }

    [Fact]
    public void WaitsAreSpreadByJitterWithinItsBounds()
    {
        var log = new Collecting();
        var retry = new Retry(2, TimeSpan.FromMilliseconds(400)) { Jitter = 0.25, Random = new Random(7) };

        Assert.Throws<BuildException>(() => retry.Run<int>("Pushing", () => throw new HttpRequestException("reset"), _ => true, new LoggerConfiguration().WriteTo.Sink(log).CreateLogger()));

        var seconds = double.Parse(System.Text.RegularExpressions.Regex.Match(log.Messages.Single(), @"again in ([0-9.]+) s").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 0.3, 0.5);
    }

    /// <summary>A clock that jumps over every wait at once, so that minutes of backoff take no time in the test.</summary>
    private sealed class JumpingClock : TimeProvider
    {
        private long _ticks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Advance(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return new Fired();
        }

        private sealed class Fired : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => false;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    private sealed class Collecting : Serilog.Core.ILogEventSink
    {
        public List<string> Messages { get; } = [];

        public void Emit(Serilog.Events.LogEvent logEvent) => Messages.Add(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void LastingFailuresAreNotRetried()
    {
        var calls = 0;

        Assert.Throws<InvalidOperationException>(() => Fast.Run<int>("Pushing", () => { calls++; throw new InvalidOperationException("denied"); }, _ => false, Quiet));

        Assert.Equal(1, calls);
    }
}
