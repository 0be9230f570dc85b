using Keel.Execution;
using Keel.Lifecycle;
using Keel.Tests.Support;

namespace Keel.Tests.Extensions;

/// <summary>Extensions a build adds itself: found from its attributes, heard in their order, with run state of their own.</summary>
public class BuildExtensionTests
{
    private sealed class HeardAttribute(string name) : BuildExtensionAttribute
    {
        private int _targets;

        public override int? OnBuildCreated(BuildSession session)
        {
            ((Listening)session.Build).Heard.Add($"{name} created");
            return null;
        }

        public override void OnTargetFinished(BuildSession session, TargetRun run) => _targets++;

        public override void OnBuildFinished(BuildSession session, RunRecord record) =>
            ((Listening)session.Build).Heard.Add($"{name} saw {_targets} target(s)");
    }

    private sealed class StampAttribute : InjectionAttribute
    {
        public override object? CreateValue(BuildSession session, Type memberType) => $"stamped for {session.Build.GetType().Name}";
    }

    [Heard("late", Order = 10)]
    [Heard("early", Order = -10)]
    [Heard("plain")]
    private sealed class Listening : KeelBuild
    {
        public List<string> Heard { get; } = [];

        [Stamp]
        readonly string Stamp = "";

        [Heard("on a member", Order = -5)]
        public string? Seen { get; private set; }

        Target First => _ => _.Executes(() => Seen = Stamp);

        Target Second => _ => _.DependsOn(First).Executes(() => { });
    }

    [Fact]
    public void AttributesOnTheClassAndItsMembersHearTheBuildInTheirOrder()
    {
        var outcome = TestBuild.Run<Listening>(["Second"]);
        var build = (Listening)outcome.Session!.Build;

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(
            ["early created", "on a member created", "plain created", "late created", "early saw 2 target(s)", "on a member saw 2 target(s)", "plain saw 2 target(s)", "late saw 2 target(s)"],
            build.Heard);
    }

    [Fact]
    public void AnInjectionAttributeFillsItsMemberBeforeAnyTargetRuns()
    {
        var outcome = TestBuild.Run<Listening>(["First"]);

        Assert.Equal("stamped for Listening", ((Listening)outcome.Session!.Build).Seen);
    }

    [Fact]
    public void EachRunHasExtensionsOfItsOwn()
    {
        var first = TestBuild.Run<Listening>(["First"]);
        var second = TestBuild.Run<Listening>(["Second"]);

        Assert.Contains("plain saw 1 target(s)", ((Listening)first.Session!.Build).Heard);
        Assert.Contains("plain saw 2 target(s)", ((Listening)second.Session!.Build).Heard);
    }
}
