using Keel.Tests.Support;

namespace Keel.Containers.Tests;

/// <summary>
/// The Docker engine as a build meets it on a fresh machine (not started yet), and for a developer the engine refuses
/// (not in the docker group yet).
/// </summary>
public class DockerEngineTests
{
    /// <summary>
    /// A build's image target as this repository's BuildImage declares it: the base image's id is an input of the
    /// up-to-date check and CanRun a requirement, both asked before the target runs; the action builds the image.
    /// </summary>
    private sealed class ImageBuild : KeelBuild
    {
        [Parameter("Whether the machine facts say the build runs as root.")]
        readonly bool AsRoot;

        private ContainerImages? _containers;

        private ContainerImages Containers => _containers ??= new ContainerImages(this, new ContainerOptions
        {
            Machine = new MachineFacts(AsRoot, "debian", HasAptGet: true, HasStartStopDaemon: true) { UserName = "dev" },
        });

        private static readonly BaseImage Base = new("mcr.microsoft.com/dotnet/aspnet:10.0");

        private static ImagePlan Plan => ImageTagPolicy.Plan(new ImageRequest
        {
            Registry = "localhost:5000",
            Owner = "acme",
            Name = "store",
            Version = new ImageVersion("1.0.0", 1, 0, 0, ""),
            Source = new SourceContext { Ref = GitRef.Branch("main"), Commit = "0123456789abcdef0123456789abcdef01234567", DefaultBranch = "main" },
        });

        Target BuildImage => _ => _
            .Inputs("Dockerfile")
            .InputValue("base", () => Containers.BaseImageId(Base, ContainerPlatform.ThisMachine))
            .OutputValue("image", () => Containers.Docker.ImageId(Plan.References[0]))
            .Requires(() => Containers.CanRun([ContainerPlatform.ThisMachine]))
            .Executes(() => Containers.Build(Plan, new DockerBuildSettings { Context = RootDirectory }, Base));
    }

    /// <summary>
    /// Stand-ins for the docker client and dockerd of a machine whose engine is not running yet. This machine's real
    /// engine is shared and must not be stopped, so it cannot be made "not started yet"; the stand-in docker answers
    /// as docker does without an engine (exit 1, "Cannot connect to the Docker daemon ...") until the stand-in dockerd
    /// ran, and like a running engine after that.
    /// </summary>
    private sealed class NotStartedEngine
    {
        public NotStartedEngine(TempDirectory root)
        {
            Started = root.File("engine-started");
            var platform = ContainerPlatform.ThisMachine;
            Docker = root.Write("stand-in/docker", $$"""
                #!/bin/bash
                running() { [[ -e '{{Started}}' ]]; }
                refuse() { echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' >&2; exit 1; }
                case "$1" in
                    context) echo default ;;
                    buildx) echo "docker: 'buildx' is not a docker command." >&2; exit 1 ;;
                    version)
                        if [[ "$*" == *Client.Version* ]]; then echo 28.0.0; running || exit 1; exit 0; fi
                        running || refuse
                        if [[ "$*" == *Server.Os* ]]; then echo '{{platform.Os}}/{{platform.Architecture}}'; else echo 20.10.24; fi ;;
                    image)
                        running || refuse
                        if [[ "$*" == *'json .Config.Labels'* ]]; then echo null
                        elif [[ "$*" == *Labels* ]]; then echo '<no value>'
                        else echo sha256:1111111111111111111111111111111111111111111111111111111111111111; fi ;;
                    build)
                        running || refuse
                        while (( $# )); do [[ "$1" == --iidfile ]] && echo sha256:2222222222222222222222222222222222222222222222222222222222222222 > "$2"; shift; done ;;
                    *) echo "stand-in docker: unexpected: $*" >&2; exit 1 ;;
                esac
                """.Replace("\r", "", StringComparison.Ordinal));
            Dockerd = root.Write("stand-in/dockerd", $"#!/bin/sh\ntouch '{Started}'\n");
            foreach (var program in new[] { Docker, Dockerd })
            {
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            root.Write("Dockerfile", "ARG BASE_IMAGE\nFROM $BASE_IMAGE\n");
        }

        public string Docker { get; }

        public string Dockerd { get; }

        /// <summary>The stand-in dockerd's mark: the engine runs from then on.</summary>
        public string Started { get; }

        public Dictionary<string, string> Environment => new() { ["DOCKER_EXE"] = Docker, ["DOCKERD_EXE"] = Dockerd };
    }

    [Fact]
    public void AnEngineTheBuildStartsIsAskedItsPlatformOnceItAnswers()
    {
        if (!File.Exists("/usr/sbin/start-stop-daemon") && !File.Exists("/sbin/start-stop-daemon"))
            return; // The build starts dockerd with start-stop-daemon (Debian, Ubuntu); elsewhere it says so.
        using var root = new TempDirectory();
        var engine = new NotStartedEngine(root);

        var outcome = TestBuild.Run<ImageBuild>(["BuildImage", "--as-root"], environment: engine.Environment, root: root);

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        Assert.True(File.Exists(engine.Started), "the build did not start dockerd");
        Assert.Contains("No Docker engine answers: starting dockerd", outcome.Output);
        Assert.Contains($"Built localhost:5000/acme/store for {ContainerPlatform.ThisMachine}", outcome.Output);
    }

    [Fact]
    public void WithoutRootNoDockerdIsStartedAndTheBuildSaysInOneLineWhoCanStartIt()
    {
        using var root = new TempDirectory();
        var engine = new NotStartedEngine(root);

        var outcome = TestBuild.Run<ImageBuild>(["BuildImage"], environment: engine.Environment, root: root);

        Assert.Equal(1, outcome.ExitCode);
        Assert.False(File.Exists(engine.Started), "the build started dockerd without root");
        Assert.DoesNotContain("starting dockerd", outcome.Output);
        Assert.Contains("BuildImage failed: No Docker engine answers (Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?), and only root can start one; start it as root (sudo service docker start) and run the build again.", outcome.Output);
        Assert.DoesNotContain("   at ", outcome.Output);
    }

    public static TheoryData<string, string, string?> Answers => new()
    {
        { "docker 20.10", "Got permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get \"http://%2Fvar%2Frun%2Fdocker.sock/v1.24/version\": dial unix /var/run/docker.sock: connect: permission denied", "/var/run/docker.sock" },
        { "docker 28", "permission denied while trying to connect to the Docker daemon socket at unix:///run/user/docker.sock: Get \"http://%2Frun%2Fuser%2Fdocker.sock/v1.50/version\": dial unix /run/user/docker.sock: connect: permission denied", "/run/user/docker.sock" },
        { "an engine that is not running", "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?", null },
        { "another failure", "error during connect: this error may indicate that the docker daemon is not running", null },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void ARefusedConnectionIsToldFromOtherFailures(string name, string answer, string? socket)
    {
        _ = name;
        Assert.Equal(socket, DockerEngine.RefusedSocket(["Client: Docker Engine - Community", answer]));
    }

    /// <summary>
    /// For real: a user who is not in the docker group (nobody) runs a build against this machine's running engine,
    /// whose socket only root and the docker group may use. Needs root to run as another user, and a running engine.
    /// </summary>
    [Fact]
    public void AUserTheEngineRefusesIsToldAtOnceToJoinTheDockerGroup()
    {
        if (!Environment.IsPrivilegedProcess || !File.Exists("/usr/sbin/runuser") || !File.Exists("/var/run/docker.sock"))
            return;
        using var root = new TempDirectory();
        Command.Run("chown", ["-R", "nobody", root.Path], root.Path);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var (exit, output) = Command.Run("runuser", ["-u", "nobody", "--", Repository.DotNet, Repository.TestProgram, "engine"], root.Path);

        Assert.True(exit == 1, output);
        Assert.Contains("The Docker engine at /var/run/docker.sock refuses nobody (permission denied): add nobody to the docker group (sudo usermod -aG docker nobody) and log in again (or run 'newgrp docker'), or run the build as root.", output);
        Assert.DoesNotContain("starting dockerd", output);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }
}
