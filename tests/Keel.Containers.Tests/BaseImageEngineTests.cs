using System.Text.Json;
using Keel.Logging;
using Keel.Tests.Support;
using Keel.Tooling;
using Serilog;

namespace Keel.Containers.Tests;

/// <summary>
/// The real engine (this machine's dockerd): the stand-ins made here against the recorded facts of the images they stand
/// in for, and a second team's repository (`dotnet new blazor` with the multi-stage Dockerfile Visual Studio writes)
/// built by ContainerImages.Build and answering on 8080. Stand-ins stay in the engine's store between runs (about 45 s
/// to make runtime-deps, runtime and aspnet, and a minute more for the sdk); they are never removed here.
/// </summary>
public sealed class BaseImageEngineTests
{
    private const string Article = ArticleDockerfile.Text;

    private static Dictionary<string, string> Environment() => new()
    {
        ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "",
        ["HOME"] = System.Environment.GetEnvironmentVariable("HOME") ?? "/root",
    };

    public static TheoryData<string> Kinds => ["RuntimeDeps", "Runtime", "AspNet", "Sdk"];

    /// <summary>Each stand-in's image config, as docker image inspect reads it, against the recorded facts (OfficialDotNetImages).</summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void EachStandInHasTheEnvironmentUserWorkingDirectoryAndPortsOfTheImageItStandsInFor(string name)
    {
        var kind = Enum.Parse<DotNetImageKind>(name);
        using var temp = new TempDirectory(nuke: false);
        var environment = Environment();
        var logger = new LoggerConfiguration().CreateLogger();
        var runner = new ProcessRunner(logger, environment, new Redactor());
        var tools = new ToolResolver(environment);
        var docker = new DockerTool(runner, tools, temp.Path, logger);
        var dotnet = new DotNetInstall(tools);
        var factory = new StandInFactory(docker, new MachineSetup(runner, tools, MachineFacts.ForThisMachine(), logger, mayInstall: false), runner, tools, AbsolutePath.Create(temp.Path), dotnet, logger);
        var reference = $"{OfficialDotNetImages.Repository(kind)}:10.0";
        var platform = ContainerPlatform.Parse(docker.EnginePlatform, "engine");

        var local = new BaseImageResolver(docker, factory, dotnet, logger).Resolve(
            new BaseImageRequest(reference, "test", platform, Native: true, StandInRule.ThisMachineOnly, null, "localhost:5000", "allow it"));

        Assert.Equal(reference, local);
        var config = JsonDocument.Parse(docker.Query("image", "inspect", "--format", "{{json .Config}}", local).StandardOutput).RootElement;
        Assert.Equal(OfficialDotNetImages.Environment(kind, dotnet.Versions).Select(e => $"{e.Key}={e.Value}"), config.GetProperty("Env").EnumerateArray().Select(e => e.GetString()));
        // The engine leaves out what is empty.
        Assert.Equal(OfficialDotNetImages.User, config.TryGetProperty("User", out var user) ? user.GetString() : "");
        Assert.Equal(OfficialDotNetImages.WorkingDirectory, config.TryGetProperty("WorkingDir", out var directory) ? directory.GetString() : "");
        Assert.Equal(OfficialDotNetImages.ExposedPorts, config.TryGetProperty("ExposedPorts", out var ports) && ports.ValueKind == JsonValueKind.Object ? [.. ports.EnumerateObject().Select(p => p.Name)] : Array.Empty<string>());
        var labels = config.GetProperty("Labels");
        Assert.StartsWith($"stands in for {OfficialDotNetImages.Repository(kind)} ", labels.GetProperty(ImageLabels.StandIn).GetString());
        Assert.Equal("Debian 12 (bookworm); the real image is Ubuntu 24.04 (noble)", labels.GetProperty(StandInFactory.DistributionLabel).GetString());
        // The user the official images create, and what each kind holds.
        var check = kind switch
        {
            DotNetImageKind.RuntimeDeps => "id app && test ! -e /usr/share/dotnet",
            DotNetImageKind.Runtime => "id app && dotnet --list-runtimes && test ! -e /usr/share/dotnet/shared/Microsoft.AspNetCore.App",
            DotNetImageKind.AspNet => "id app && dotnet --list-runtimes | grep -q Microsoft.AspNetCore.App",
            _ => "id app && git --version && curl --version && wget --version && dotnet --version",
        };
        var run = docker.Query("run", "--rm", local, "/bin/sh", "-c", check);
        Assert.True(run.ExitCode == 0, string.Join('\n', run.Output.Select(l => l.Text)));
        Assert.Contains("uid=1654(app) gid=1654(app)", run.StandardOutput);
        if (kind == DotNetImageKind.Sdk)
            Assert.Contains(dotnet.Versions.Sdk, run.StandardOutput);
    }

    /// <summary>A second team's build: the article's Dockerfile, its images resolved by ContainerImages.Build.</summary>
    private sealed class SecondTeam : KeelBuild
    {
        [Parameter("Platforms to build for.")]
        readonly string[] Platforms = [];

        [Parameter("The image's tag.")]
        readonly string Tag = "test";

        IReadOnlyList<ContainerPlatform> ImagePlatforms => [.. Platforms.Select(p => ContainerPlatform.Parse(p, "--platforms"))];

        DockerBuildSettings Settings(ContainerPlatform platform) => new() { Context = RootDirectory / "app", File = RootDirectory / "app/Dockerfile" };

        static readonly BaseImage Base = new("mcr.microsoft.com/dotnet/aspnet:10.0") { StandIn = StandInRule.ThisMachineOnly };

        Target BuildImage => _ => _
            .PlanNote(() => new ContainerImages(this).DescribeBaseImages(ImagePlatforms, Settings, Base, "localhost:5000"))
            .Executes(() =>
            {
                var plan = new ImagePlan("localhost:5000/keel-tests/blazor", [new ImageTag(Tag, Floating: false)], new SortedDictionary<string, string>(StringComparer.Ordinal));
                new ContainerImages(this).Build(plan, ImagePlatforms, Settings, Base);
            });
    }

    private static TempDirectory BlazorRepository(string dockerfile)
    {
        var root = new TempDirectory();
        var created = Command.Run("dotnet", ["new", "blazor", "-o", "app", "-n", "BlazorApp", "--no-restore"], root.Path);
        Assert.True(created.ExitCode == 0, created.Output);
        root.Write("app/Dockerfile", dockerfile);
        root.Write("app/.dockerignore", "**/bin/\n**/obj/\n");
        return root;
    }

    [Fact]
    public async Task TheArticlesMultiStageDockerfileBuildsABlazorAppThatServesItsPageOn8080()
    {
        using var root = BlazorRepository(Article);
        var tag = $"article-{Guid.NewGuid():N}"[..16];
        var image = $"localhost:5000/keel-tests/blazor:{tag}";
        var container = $"keel-test-{Guid.NewGuid():N}"[..22];
        try
        {
            var outcome = TestBuild.Run<SecondTeam>(["BuildImage", "--tag", tag, "--verbosity", "verbose"], root: root);

            Assert.True(outcome.ExitCode == 0, outcome.Output);
            Assert.DoesNotContain("DEPRECATED", outcome.LogFile);
            Assert.Matches(@"Images are built with /usr/bin/docker \(20\.10[^)]*\) and the BuildKit builder", outcome.LogFile);
            var run = Command.Run("docker", ["run", "--detach", "--name", container, "--publish", "127.0.0.1::8080", image], root.Path);
            Assert.True(run.ExitCode == 0, run.Output);
            var address = Command.Run("docker", ["port", container, "8080/tcp"], root.Path).Output.Split('\n')[0].Trim();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            string? page = null;
            for (var attempt = 0; attempt < 60 && page is null; attempt++)
            {
                try
                {
                    using var response = await http.GetAsync($"http://{address}/");
                    if ((int)response.StatusCode == 200)
                        page = await response.Content.ReadAsStringAsync();
                }
                catch (HttpRequestException)
                {
                }

                if (page is null)
                    await Task.Delay(500);
            }

            Assert.True(page is not null, Command.Run("docker", ["logs", container], root.Path).Output);
            Assert.Contains("Hello, world!", page);
        }
        finally
        {
            Command.Run("docker", ["rm", "--force", container], root.Path);
            Command.Run("docker", ["image", "rm", image], root.Path);
        }
    }

    [Fact]
    public void AnSdkBuildStageForAnotherProcessorStopsBeforeAnyBuildInOneLine()
    {
        if (ContainerPlatform.ThisMachine.Architecture != "amd64" || !MachineFacts.ForThisMachine().IsRoot)
            return;
        using var root = BlazorRepository(Article);

        var outcome = TestBuild.Run<SecondTeam>(["BuildImage", "--platforms", "linux/arm64", "--verbosity", "verbose"], root: root);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("app/Dockerfile:4: mcr.microsoft.com/dotnet/sdk:10.0 cannot be pulled for linux/arm64 (", outcome.Output);
        Assert.Contains("run the build stage on this machine's platform with 'FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build' (the official cross-build pattern), or build on a linux/arm64 runner.", outcome.Output);
        Assert.DoesNotContain("> docker build ", outcome.LogFile);
        Assert.DoesNotContain("Making the stand-ins", outcome.LogFile);
        Assert.DoesNotContain("   at ", outcome.Output);
    }

    [Fact]
    public void AnImageThatCanNeitherBePulledNorStoodInStopsBeforeAnyBuildInOneLine()
    {
        using var root = BlazorRepository(Article.Replace("mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/sdk:10.0-alpine", StringComparison.Ordinal));

        var outcome = TestBuild.Run<SecondTeam>(["BuildImage", "--verbosity", "verbose"], root: root);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Matches(@"app/Dockerfile:4: mcr\.microsoft\.com/dotnet/sdk:10\.0-alpine cannot be pulled \(.+\), and only the tags 10\.0, 10\.0-noble, [0-9.]+, [0-9.]+-noble can be stood in here", outcome.Output);
        Assert.DoesNotContain("> docker build ", outcome.LogFile);
    }

    [Fact]
    public void ARestoreInsideTheBuildThatCannotReachItsSourceFailsInOneLine()
    {
        using var root = BlazorRepository(Article);
        // A source nothing answers at: loopback, a port nothing listens on.
        root.Write("app/nuget.config", """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="nowhere" value="https://127.0.0.1:9/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        root.Write("app/Dockerfile", Article.Replace("COPY [\"BlazorApp.csproj\", \".\"]", "COPY [\"BlazorApp.csproj\", \"nuget.config\", \".\"]", StringComparison.Ordinal));

        var outcome = TestBuild.Run<SecondTeam>(["BuildImage"], root: root);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("'dotnet restore' inside the image build of app/Dockerfile could not reach its package source (NU1301: ", outcome.Output);
        Assert.Contains("or restore and publish on the host and COPY the output into the image.", outcome.Output);
        Assert.DoesNotContain("exited with code", outcome.Output);
    }

    [Fact]
    public void PlanListsEachImageTheBuildReadsAndWhatWillHappenToIt()
    {
        using var root = BlazorRepository(Article.Replace("mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/sdk:10.0-alpine", StringComparison.Ordinal));

        var outcome = TestBuild.Run<SecondTeam>(["BuildImage", "--plan"], root: root);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Matches(@"app/Dockerfile:1 mcr\.microsoft\.com/dotnet/aspnet:10\.0 for linux/amd64: the local stand-in \(Debian 12 \(bookworm\); the real image is Ubuntu 24\.04 \(noble\)\)", outcome.Output);
        Assert.Matches(@"app/Dockerfile:4 mcr\.microsoft\.com/dotnet/sdk:10\.0-alpine for linux/amd64: pulled \(no stand-in: only the tags 10\.0, 10\.0-noble, ", outcome.Output);
        Assert.DoesNotContain("Pulling", outcome.LogFile);
    }
}
