using Keel.Tests.Support;

namespace Keel.Tests.Hosts;

/// <summary>Where a build runs, and NUKE's static IsLocalBuild that field initializers read.</summary>
public class HostTests
{
    [Theory]
    [InlineData("a developer's machine", null, null, HostKind.Terminal)]
    [InlineData("a GitHub Actions runner", "true", "true", HostKind.GitHubActions)]
    [InlineData("GITHUB_ACTIONS alone", "true", null, HostKind.GitHubActions)]
    [InlineData("another CI server", null, "true", HostKind.Server)]
    [InlineData("CI=1", null, "1", HostKind.Server)]
    [InlineData("CI=false is no CI", null, "false", HostKind.Terminal)]
    public void TheHostComesFromTheEnvironment(string behaviour, string? gitHubActions, string? ci, HostKind expected)
    {
        var environment = new Dictionary<string, string>();
        if (gitHubActions is not null)
            environment["GITHUB_ACTIONS"] = gitHubActions;
        if (ci is not null)
            environment["CI"] = ci;

        Assert.True(expected == Host.From(environment).Kind, behaviour);
    }

    private sealed class Templated : KeelBuild
    {
        // NUKE's template line, as build/Build.cs has it.
        [Parameter("Configuration to build.")]
        public Configuration Configuration { get; set; } = IsLocalBuild ? Configuration.Debug : Configuration.Release;

        public string? Seen { get; private set; }

        Target Show => _ => _.Executes(() => Seen = $"{Configuration} {Host} {IsServerBuild}");
    }

    [Theory]
    [InlineData("on a developer's machine", false, "Debug Terminal False")]
    [InlineData("on GitHub Actions", true, "Release GitHubActions True")]
    public void NukesTemplateLineBuildsDebugLocallyAndReleaseOnCi(string behaviour, bool onGitHub, string expected)
    {
        var environment = onGitHub ? new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["CI"] = "true" } : [];

        var outcome = TestBuild.Run<Templated>(["Show"], environment: environment);

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        Assert.True(expected == ((Templated)outcome.Session!.Build).Seen, $"{behaviour}: {((Templated)outcome.Session!.Build).Seen}");
    }

    [Fact]
    public void ACommandLineConfigurationStillWinsOverTheHostsDefault()
    {
        var outcome = TestBuild.Run<Templated>(["Show", "--configuration", "Debug"], environment: new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true" });

        Assert.StartsWith("Debug GitHubActions", ((Templated)outcome.Session!.Build).Seen);
    }
}
