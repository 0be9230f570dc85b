using Keel.Hosts;
using Keel.Logging;
using Keel.Tests.GitHubActions;
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

    [Theory]
    [InlineData("pull-request", "pull_request", 17, "5555555eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee")]
    [InlineData("pull-request-target", "pull_request_target", 17, "5555555eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee")]
    [InlineData("push-main", "push", null, null)]
    public void AGitHubActionsRunSaysWhatItIsAboutFromItsVariablesAndEventPayload(string fixture, string gitEvent, int? pullRequest, string? head)
    {
        var run = Assert.IsType<Keel.GitHubActions.GitHubActions>(Host.From(Fixture.Environment(fixture)));

        Assert.Equal(gitEvent, run.EventName);
        Assert.Equal(pullRequest, run.PullRequestNumber);
        Assert.Equal(head, run.PullRequestHeadSha);
        Assert.Equal(pullRequest is null ? null : "feature/cart", run.PullRequestHeadRef);
        Assert.Equal("main", run.DefaultBranch);
    }

    [Fact]
    public void AnUnreadableEventPayloadLeavesOnlyWhatTheVariablesSay()
    {
        using var root = new TempDirectory(nuke: false);
        var environment = Fixture.Environment("pull-request");
        environment["GITHUB_EVENT_PATH"] = root.Write("event.json", "{ not json");

        var run = Assert.IsType<Keel.GitHubActions.GitHubActions>(Host.From(environment));

        Assert.Null(run.PullRequestNumber);
        Assert.Equal("feature/cart", run.HeadRef);
        Assert.Equal("refs/pull/17/merge", run.Ref);
    }

    [Fact]
    public void ARunUsesTheHostItWasHandedAndDoesNotReadTheEnvironmentAgain()
    {
        using var root = new TempDirectory();
        var services = new BuildServices
        {
            Environment = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" },
            WorkingDirectory = root.Path,
            Console = new BuildConsole(new StringWriter(), Color: false),
            Host = new Keel.GitHubActions.GitHubActions { Repository = "Acme/store" },
        };

        var outcome = TestBuild.Run<Templated>(["Show"], root: root, services: services);

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        Assert.Equal("Release GitHubActions True", ((Templated)outcome.Session!.Build).Seen);
        Assert.Same(services.Host, outcome.Session.Host);
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
