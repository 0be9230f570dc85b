using Keel.Tests.Support;

namespace Keel.Tests.Logging;

/// <summary>Serilog's static Log, as helpers ported from NUKE builds use it, writes through the running build's sinks.</summary>
public class StaticLogTests
{
    private static class PortedHelper
    {
        public static void Announce(string? token) => Serilog.Log.Information("helper says the token is {Token}", token);
    }

    private sealed class Porting : KeelBuild
    {
        [Parameter, Secret]
        readonly string? ApiToken;

        [Parameter]
        readonly string Name = "";

        Target Announce => _ => _.Executes(async () =>
        {
            await Task.Yield();
            PortedHelper.Announce(ApiToken);
            Serilog.Log.Warning("from {Name}", Name);
        });
    }

    [Fact]
    public void AStaticHelpersLogReachesTheConsoleAndTheFileLogRedacted()
    {
        var outcome = TestBuild.Run<Porting>(["Announce", "--api-token", "tok-3f9a-secret", "--name", "first"]);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("helper says the token is ***", outcome.Output);
        Assert.Contains("helper says the token is ***", outcome.LogFile);
        Assert.Contains("WRN from first", outcome.Output);
        Assert.DoesNotContain("tok-3f9a-secret", outcome.Output + outcome.LogFile);
    }

    [Fact]
    public async Task BuildsSideBySideEachKeepTheirOwnStaticLog()
    {
        var runs = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => Task.Run(() => TestBuild.Run<Porting>(["Announce", "--name", $"build-{i}"]))));

        for (var i = 0; i < runs.Length; i++)
        {
            Assert.Contains($"from build-{i + 1}", runs[i].Output);
            Assert.Single(runs[i].Output.Split('\n'), line => line.Contains("from build-", StringComparison.Ordinal));
        }
    }
}
