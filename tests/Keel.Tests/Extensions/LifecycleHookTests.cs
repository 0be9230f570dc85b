using Keel.Tests.Support;

namespace Keel.Tests.Extensions;

/// <summary>NUKE's lifecycle hooks, overridden in the build, hear the build in order.</summary>
public class LifecycleHookTests
{
    private sealed class Hooked : KeelBuild
    {
        [Parameter]
        readonly string Name = "";

        public List<string> Heard { get; } = [];

        protected override void OnBuildCreated() => Heard.Add($"created (name '{Name}')");

        protected override void OnBuildInitialized() => Heard.Add($"initialized (name '{Name}')");

        protected override void OnTargetRunning(string target) => Heard.Add($"running {target}");

        protected override void OnTargetSucceeded(string target) => Heard.Add($"succeeded {target}");

        protected override void OnTargetFailed(string target) => Heard.Add($"failed {target}");

        protected override void OnBuildFinished() => Heard.Add($"finished, successful: {IsSuccessful}");

        Target Fine => _ => _.Executes(() => { });

        Target Broken => _ => _.DependsOn(Fine).Executes(() => throw new BuildException("no"));
    }

    [Fact]
    public void HooksHearTheBuildFromCreationToTheEnd()
    {
        var outcome = TestBuild.Run<Hooked>(["Broken", "--name", "shop"]);

        Assert.Equal(
            ["created (name '')", "initialized (name 'shop')", "running Fine", "succeeded Fine", "running Broken", "failed Broken", "finished, successful: False"],
            ((Hooked)outcome.Session!.Build).Heard);
    }

    [Fact]
    public void ASuccessfulBuildSaysSo()
    {
        var outcome = TestBuild.Run<Hooked>(["Fine"]);

        Assert.Equal("finished, successful: True", ((Hooked)outcome.Session!.Build).Heard[^1]);
    }
}
