using Keel.Tests.Support;

namespace Keel.Tests.Extensions;

/// <summary>A launch profile's target (in its environment) is the run's target when the command line names none.</summary>
public class LaunchProfileTests
{
    private sealed class Profiled : KeelBuild
    {
        Target First => _ => _.Executes(() => { });

        Target Second => _ => _.DependsOn(First).Executes(() => { });

        Target Show => _ => _.Executes(() => Log.Information("tool sees {Value}", Processes.Run(new Keel.Tooling.ToolInvocation("sh", ["-c", "echo ${KEEL_LAUNCH_TARGET:-nothing}"]) { LogOutput = false }).StandardOutput.Trim()));
    }

    [Fact]
    public void AddedArgumentsKeepTheProfilesTarget()
    {
        var outcome = TestBuild.Run<Profiled>(["--plan"], defaultTarget: "First", environment: new Dictionary<string, string> { ["KEEL_LAUNCH_TARGET"] = "Second" });

        Assert.Contains("2. Second (invoked)", outcome.Output);
    }

    [Fact]
    public void TargetsOnTheCommandLineWinOverTheProfiles()
    {
        var outcome = TestBuild.Run<Profiled>(["First"], defaultTarget: "First", environment: new Dictionary<string, string> { ["KEEL_LAUNCH_TARGET"] = "Second" });

        Assert.Equal(["First"], outcome.Ran);
    }

    [Fact]
    public void TheProfilesTargetIsNotHandedToTools()
    {
        var outcome = TestBuild.Run<Profiled>([], environment: new Dictionary<string, string> { ["KEEL_LAUNCH_TARGET"] = "Show" });

        Assert.Contains("tool sees nothing", outcome.Output);
    }

    [Fact]
    public void AProfileNamingAnUnknownTargetSaysWhereTheNameCameFrom()
    {
        var outcome = TestBuild.Run<Profiled>([], environment: new Dictionary<string, string> { ["KEEL_LAUNCH_TARGET"] = "Secnd" });

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("Unknown target of the launch profile (KEEL_LAUNCH_TARGET) 'Secnd'; did you mean 'Second'?", outcome.Output);
    }
}
