using Keel.Tests.Support;

namespace Keel.Tests.Logging;

/// <summary>Console verbosity, target blocks, and the file log in .nuke/temp/build.log.</summary>
public class LoggingTests
{
    private sealed class Chatty : KeelBuild
    {
        Target Talk => _ => _.Executes(() =>
        {
            Log.Debug("a debug detail");
            Log.Information("an information");
            Log.Warning("a warning");
        });

        Target Break => _ => _.DependsOn(Talk).Executes(() => throw new BuildException("it broke"));
    }

    [Fact]
    public void NormalVerbosityShowsTargetBlocksInformationAndWarnings()
    {
        var outcome = TestBuild.Run<Chatty>(["Talk"]);

        Assert.Matches(@"\d\d:\d\d:\d\d ── Talk ─+", outcome.Output);
        Assert.Contains("an information", outcome.Output);
        Assert.Contains("WRN a warning", outcome.Output);
        Assert.DoesNotContain("a debug detail", outcome.Output);
    }

    [Fact]
    public void TheFileLogHasEverythingWhateverTheConsoleShows()
    {
        var outcome = TestBuild.Run<Chatty>(["Talk", "--verbosity", "quiet"]);

        Assert.DoesNotContain("an information", outcome.Output);
        Assert.DoesNotContain("a warning", outcome.Output);
        Assert.Contains("Build succeeded.", outcome.Output);
        Assert.Contains("[DBG] a debug detail", outcome.LogFile);
        Assert.Contains("[INF] an information", outcome.LogFile);
        Assert.Contains("[WRN] a warning", outcome.LogFile);
        Assert.Contains("Build succeeded.", outcome.LogFile);
    }

    [Theory]
    [InlineData("quiet", false, false, false, true)]
    [InlineData("minimal", false, false, true, true)]
    [InlineData("normal", false, true, true, true)]
    [InlineData("verbose", true, true, true, true)]
    public void VerbosityChoosesWhatTheConsoleShows(string verbosity, bool debug, bool information, bool warning, bool error)
    {
        var outcome = TestBuild.Run<Chatty>(["Break", "--verbosity", verbosity]);

        Assert.Equal(debug, outcome.Output.Contains("a debug detail"));
        Assert.Equal(information, outcome.Output.Contains("an information"));
        Assert.Equal(warning, outcome.Output.Contains("a warning"));
        Assert.Equal(error, outcome.Output.Contains("ERR Break failed: it broke"));
        Assert.Contains("Build failed.", outcome.Output);
    }

    [Fact]
    public void VerbosityCanComeFromTheEnvironment()
    {
        var outcome = TestBuild.Run<Chatty>(["Talk"], environment: new Dictionary<string, string> { ["KEEL_VERBOSITY"] = "minimal" });

        Assert.DoesNotContain("an information", outcome.Output);
        Assert.Contains("a warning", outcome.Output);
    }
}
