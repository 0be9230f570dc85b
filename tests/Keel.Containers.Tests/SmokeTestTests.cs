using System.Diagnostics;
using Keel.Tests.Support;

namespace Keel.Containers.Tests;

/// <summary>
/// The smoke test for real, against this machine's Docker engine: small images of a real ASP.NET Core app
/// (tests/Keel.TestWebApp) on the aspnet base image in the engine's store, each misbehaving one way, smoke-tested by a
/// build the way a build's SmokeTest target does it. Needs a running engine and that base image; without them each
/// test returns at once.
/// </summary>
public sealed class SmokeTestTests : IClassFixture<SmokeTestTests.TestImages>
{
    private readonly TestImages _images;

    public SmokeTestTests(TestImages images) => _images = images;

    /// <summary>A build whose SmokeTest target smoke-tests --image with the check its parameters describe.</summary>
    private sealed class SmokeBuild : KeelBuild
    {
        [Parameter("The image.")]
        readonly string Image = "";

        [Parameter("The path asked.")]
        readonly string CheckPath = "/";

        [Parameter("The port asked; the image's own when empty.")]
        readonly int? CheckPort;

        [Parameter("Seconds the app may take.")]
        readonly int TimeLimit = 60;

        [Parameter("The version /health must report; not read when empty.")]
        readonly string? ExpectedVersion;

        private ContainerImages? _containers;

        private ContainerImages Containers => _containers ??= new ContainerImages(this);

        private SmokeCheck Check => ExpectedVersion is null
            ? SmokeCheck.Http(CheckPath, CheckPort) with { Timeout = TimeSpan.FromSeconds(TimeLimit) }
            : SmokeCheck.Http(CheckPath, CheckPort).WithVersion("version", ExpectedVersion, architectureField: "architecture") with { Timeout = TimeSpan.FromSeconds(TimeLimit) };

        Target SmokeTest => _ => _.Executes(() => Containers.SmokeTest(Image, Check));
    }

    /// <summary>The test app's files in a build context, and the images made from it; every image made here is removed afterwards.</summary>
    public sealed class TestImages : IDisposable
    {
        public const string Base = "mcr.microsoft.com/dotnet/aspnet:10.0";

        private readonly TempDirectory _context = new(nuke: false);
        private readonly List<string> _made = [];
        private readonly string _run = Guid.NewGuid().ToString("N")[..8];

        public TestImages()
        {
            Available = File.Exists("/var/run/docker.sock") && Command.Run("docker", ["image", "inspect", Base], _context.Path).ExitCode == 0;
            Directory.CreateDirectory(_context.File("app"));
            foreach (var file in new[] { "Keel.TestWebApp.dll", "Keel.TestWebApp.runtimeconfig.json", "Keel.TestWebApp.deps.json" })
                File.Copy(Path.Combine(AppContext.BaseDirectory, file), _context.File($"app/{file}"), overwrite: true);
        }

        /// <summary>Whether this machine has a running engine with the base image.</summary>
        public bool Available { get; }

        /// <summary>The test app on the base image, with these Dockerfile lines after its files are copied; its name.</summary>
        public string Make(string name, params string[] lines)
        {
            var reference = $"keel-smoke-tests/{name}:{_run}";
            _context.Write("Dockerfile", string.Join('\n', [$"FROM {Base}", "COPY app/ /app/", "WORKDIR /app", .. lines, ""]));
            var (exit, output) = Command.Run("docker", ["build", "--quiet", "--tag", reference, "."], _context.Path, start => start.Environment["DOCKER_BUILDKIT"] = "0");
            Assert.True(exit == 0, output);
            _made.Add(reference);
            return reference;
        }

        public void Dispose()
        {
            if (_made.Count > 0)
                Command.Run("docker", ["image", "rm", "--force", .. _made], _context.Path);
            _context.Dispose();
        }
    }

    // The app started as its image starts it; "env -u" starts it as on a base image that sets neither variable (the
    // stand-in in the engine's store may set them, as the official images do).
    private const string Start = """ENTRYPOINT ["dotnet", "Keel.TestWebApp.dll"]""";
    private const string StartWithoutPortVariables = """ENTRYPOINT ["env", "-u", "ASPNETCORE_HTTP_PORTS", "-u", "ASPNETCORE_URLS", "dotnet", "Keel.TestWebApp.dll"]""";

    private static (BuildOutcome Outcome, TimeSpan Took) Smoke(params string[] arguments)
    {
        var watch = Stopwatch.StartNew();
        var outcome = TestBuild.Run<SmokeBuild>(["SmokeTest", .. arguments]);
        return (outcome, watch.Elapsed);
    }

    /// <summary>This process's smoke-test containers still on the engine: none once a smoke test is over.</summary>
    private static string LeftContainers() =>
        Command.Run("docker", ["ps", "--all", "--quiet", "--filter", $"label={RunOwner.ProcessLabel}={Environment.ProcessId}"], Path.GetTempPath()).Output.Trim();

    [Fact]
    public void AnyWebAppPassesWhenItAnswersOnThePortItsImageNames()
    {
        if (!_images.Available)
            return;
        var image = _images.Make("any-app", "ENV ASPNETCORE_HTTP_PORTS=5080", Start);

        var (outcome, _) = Smoke("--image", image);

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        Assert.Contains($"{image} answers GET / on port 5080 (ASPNETCORE_HTTP_PORTS in the image) with 200 OK.", outcome.Output);
        Assert.Equal("", LeftContainers());
    }

    [Fact]
    public void AnAppWhoseFirstAnswerTakesLongIsWaitedForNotAskedAgain()
    {
        if (!_images.Available)
            return;
        // Each answer takes 8 s until one is given: longer than a request used to be given (5 s). Asking again after
        // giving up would never get an answer; waiting for the first one does.
        var image = _images.Make("slow-first-answer", "ENV ASPNETCORE_HTTP_PORTS=8080", "ENV TEST_APP_FIRST_ANSWER_SECONDS=8", Start);

        var (outcome, took) = Smoke("--image", image, "--time-limit", "30");

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        Assert.Contains($"{image} answers GET / on port 8080", outcome.Output);
        Assert.True(took >= TimeSpan.FromSeconds(8), $"answered after {took}: the first answer was not the one waited for");
        Assert.Equal("", LeftContainers());
    }

    [Fact]
    public void AnAppOnLocalhost5000IsToldAtOnceToSetAspNetCoreHttpPorts()
    {
        if (!_images.Available)
            return;
        // The Blazor app of issue 18: Visual Studio's Dockerfile (EXPOSE 8080 and 8081) on a base without ASPNETCORE_HTTP_PORTS.
        var image = _images.Make("localhost-5000", "EXPOSE 8080", "EXPOSE 8081", StartWithoutPortVariables);

        var (outcome, took) = Smoke("--image", image);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Matches(
            $@"SmokeTest failed: {image} did not answer GET / on port 8080 \(the image's EXPOSE\) in \d+ s: the app listens on localhost:5000 inside the container, which nothing outside it reaches \(its log: ""Now listening on: http://localhost:5000""\); set ASPNETCORE_HTTP_PORTS=8080 in the image \(as the official \.NET images do\), or make the app listen on 0\.0\.0\.0:8080\.",
            outcome.Output);
        Assert.DoesNotContain("   at ", outcome.Output);
        // Not the whole minute: the log said where the app listens.
        Assert.True(took < TimeSpan.FromSeconds(30), $"took {took}");
        Assert.Equal("", LeftContainers());
    }

    [Fact]
    public void AnAppThatExitsIsReportedWithItsExitCodeAndLastLogLine()
    {
        if (!_images.Available)
            return;
        var image = _images.Make("exits", "ENV TEST_APP_EXIT=3", Start);

        var (outcome, took) = Smoke("--image", image);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Matches(
            $@"SmokeTest failed: {image} exited with code 3 before it answered GET / on port \d+ \([^)]*\); its last log line: ""Unhandled exception\. System\.InvalidOperationException: the app cannot start \(TEST_APP_EXIT=3\)\.""\.",
            outcome.Output);
        Assert.True(took < TimeSpan.FromSeconds(30), $"took {took}");
        Assert.Equal("", LeftContainers());
    }

    [Fact]
    public void AServerErrorIsReportedWithItsStatusAndLastLogLine()
    {
        if (!_images.Available)
            return;
        var image = _images.Make("server-error", "ENV ASPNETCORE_HTTP_PORTS=8080 TEST_APP_STATUS=500", Start);

        // A 5xx is retried until the time limit, which also has to cover the app starting on a busy machine.
        var (outcome, _) = Smoke("--image", image, "--time-limit", "15");

        Assert.Equal(1, outcome.ExitCode);
        var expected = $"SmokeTest failed: {image} answered GET / on port 8080 (ASPNETCORE_HTTP_PORTS in the image) with 500 Internal Server Error; its last log line: \"GET / failed: the database is not reachable (TEST_APP_STATUS=500).\".";
        Assert.True(outcome.Output.Contains(expected, StringComparison.Ordinal), outcome.Output);
        Assert.Equal("", LeftContainers());
    }

    [Fact]
    public void TheVersionCheckAsksOnTheImagesPortAndReadsTheVersionAndArchitectureTheAppReports()
    {
        if (!_images.Available)
            return;
        var image = _images.Make("versioned", "ENV ASPNETCORE_HTTP_PORTS=5081 TEST_APP_VERSION=1.2.3", "EXPOSE 5081", Start);

        var (passed, _) = Smoke("--image", image, "--check-path", "/health", "--expected-version", "1.2.3");
        var (failed, _) = Smoke("--image", image, "--check-path", "/health", "--expected-version", "2.0.0");

        Assert.True(passed.ExitCode == 0, passed.Output);
        Assert.Contains($"{image} answers /health with version 1.2.3 on {ContainerPlatform.ThisMachine.ProcessArchitecture}.", passed.Output);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains($"SmokeTest failed: {image} answers /health with version '1.2.3', expected '2.0.0'.", failed.Output);
        Assert.Equal("", LeftContainers());
    }
}
