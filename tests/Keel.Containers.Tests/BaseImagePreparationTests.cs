using System.Formats.Tar;
using Keel.Logging;
using Keel.Tests.Support;
using Keel.Tooling;
using Serilog;

namespace Keel.Containers.Tests;

/// <summary>
/// The copies of a Dockerfile that name another platform's images by their local names (.nuke/temp/dockerfiles): made
/// for the build, and never left behind. Against the real engine, with images of its own made from an empty file system
/// (docker import), named as another platform's images are kept here, and removed afterwards.
/// </summary>
public sealed class BaseImagePreparationTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly string _image = $"keel-test-prep:{Guid.NewGuid():N}"[..27];
    private readonly List<string> _made = [];
    private readonly DockerTool _docker;
    private readonly BaseImagePreparation _preparation;

    public BaseImagePreparationTests()
    {
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "",
            ["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? "/root",
        };
        var log = new LoggerConfiguration().CreateLogger();
        var runner = new ProcessRunner(log, environment, new Redactor());
        var tools = new ToolResolver(environment);
        _docker = new DockerTool(runner, tools, _root.Path, log);
        var dotnet = new DotNetInstall(tools);
        var machine = new MachineSetup(runner, tools, MachineFacts.ForThisMachine(), log, mayInstall: false);
        var factory = new StandInFactory(_docker, machine, runner, tools, Temp, dotnet, log);
        _preparation = new BaseImagePreparation(_docker, new BaseImageResolver(_docker, factory, dotnet, log), AbsolutePath.Create(_root.Path), Temp);
        _root.Write("app/Dockerfile", $"FROM {_image}\nCOPY . /app\n");
    }

    private AbsolutePath Temp => AbsolutePath.Create(_root.File(".nuke/temp"));

    private string[] Copies => Directory.Exists(Temp / "dockerfiles") ? Directory.GetDirectories(Temp / "dockerfiles") : [];

    /// <summary>Two platforms this engine runs only under emulation: their images are kept under names of their own.</summary>
    private IReadOnlyList<ContainerPlatform> OtherPlatforms() =>
        [.. new[] { "linux/s390x", "linux/ppc64le", "linux/arm64", "linux/amd64" }.Select(p => ContainerPlatform.Parse(p, "test")).Where(p => !p.RunsOn(_docker.EnginePlatform)).Take(2)];

    /// <summary>An image of nothing under the name the engine keeps <see cref="_image"/> under for the platform.</summary>
    private void KeepImageFor(ContainerPlatform platform)
    {
        var tar = _root.File($"empty-{platform.TagSuffix}.tar");
        Directory.CreateDirectory(_root.File("empty"));
        TarFile.CreateFromDirectory(_root.File("empty"), tar, includeBaseDirectory: false);
        var local = BaseImageStandIn.LocalReference(_image, platform, native: false);
        var imported = Command.Run("docker", ["import", tar, local], _root.Path);
        Assert.True(imported.ExitCode == 0, imported.Output);
        _made.Add(local);
    }

    private PreparedBuilds Prepare(IReadOnlyList<ContainerPlatform> platforms) =>
        _preparation.Prepare([.. platforms.Select(p => (p, new DockerBuildSettings { Context = _root.File("app") }))], new BaseImage(""), "localhost:5000");

    [Fact]
    public void APlatformWhoseImageCannotBeHadStopsThePreparationWithNoCopyOfTheDockerfileLeft()
    {
        var (first, later) = (OtherPlatforms()[0], OtherPlatforms()[1]);
        KeepImageFor(first);

        var error = Assert.Throws<BuildException>(() => Prepare([first, later]));

        Assert.StartsWith($"app/Dockerfile:1: {_image} cannot be pulled for {later} (", error.Message);
        Assert.Empty(Copies);
    }

    [Fact]
    public void DisposingThePreparedBuildsRemovesEveryPlatformsCopyAlsoOfBuildsThatNeverRan()
    {
        var platforms = OtherPlatforms();
        foreach (var platform in platforms)
            KeepImageFor(platform);

        using (var builds = Prepare(platforms))
        {
            // Each platform builds from its own copy, which names that platform's image.
            Assert.Equal(2, Copies.Length);
            Assert.All(platforms.Zip(builds.All), pair =>
                Assert.StartsWith($"FROM {BaseImageStandIn.LocalReference(_image, pair.First, native: false)}\n", File.ReadAllText(pair.Second.Settings.File!)));
        }

        Assert.Empty(Copies);
    }

    public void Dispose()
    {
        foreach (var image in _made)
            Command.Run("docker", ["image", "rm", "--force", image], _root.Path);
        _root.Dispose();
    }
}
