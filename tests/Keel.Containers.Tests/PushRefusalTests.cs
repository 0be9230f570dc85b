using Keel.Tests.Support;

namespace Keel.Containers.Tests;

/// <summary>A build that pushes through the image steps: a pull request's plan is refused before anything is done.</summary>
public class PushRefusalTests
{
    private sealed class Pusher : KeelBuild
    {
        [Parameter("Opt into pull-request images.")]
        readonly bool PullRequestImages;

        private ContainerImages? _containers;

        private ContainerImages Containers => _containers ??= new ContainerImages(this);

        private ImagePlan Plan => ImageTagPolicy.Plan(new ImageRequest
        {
            Registry = "localhost:5000",
            Owner = "acme",
            Name = "store",
            Version = new ImageVersion("1.2.1-PullRequest7.2", 1, 2, 1, "PullRequest7.2"),
            Source = new SourceContext { Event = "pull_request", Ref = GitRef.PullRequest(7, "fix/typo"), Commit = "0123456789abcdef0123456789abcdef01234567", DefaultBranch = "main" },
            PullRequestImages = PullRequestImages,
        });

        Target Push => _ => _.Executes(() => Containers.Push(Plan, [], credentials: null));
    }

    [Fact]
    public void APullRequestsPlanIsRefusedBeforeDockerIsAsked()
    {
        using var root = new TempDirectory();
        // A docker that writes down every call: none may come.
        var calls = root.File("docker-calls");
        var docker = root.Write("stand-in/docker", $"#!/bin/sh\necho \"$@\" >> '{calls}'\nexit 1\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(docker, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var outcome = TestBuild.Run<Pusher>(["Push"], environment: new Dictionary<string, string> { ["DOCKER_EXE"] = docker }, root: root);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("A pull_request run builds pull request #7's merge commit, which no branch holds yet: its image is pushed only when the build opts into pull-request images, and then only as sha-0123456 and pr-7, never under a branch, a version or latest; set PullRequestImages on the image request. Nothing was pushed.", outcome.Output);
        Assert.DoesNotContain("   at ", outcome.Output);
        Assert.False(File.Exists(calls), File.Exists(calls) ? File.ReadAllText(calls) : "");
    }
}
