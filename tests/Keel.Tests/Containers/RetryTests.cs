using Keel.Containers;
using Serilog;

namespace Keel.Tests.Containers;

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
    public void LastingFailuresAreNotRetried()
    {
        var calls = 0;

        Assert.Throws<InvalidOperationException>(() => Fast.Run<int>("Pushing", () => { calls++; throw new InvalidOperationException("denied"); }, _ => false, Quiet));

        Assert.Equal(1, calls);
    }
}
