using Keel.Containers;

namespace Keel.Containers.Tests;

/// <summary>
/// The smoke test's pure parts: which port it asks on, what a check takes, where an app's log says it listens, and the
/// one line each observation ends in.
/// </summary>
public class SmokePolicyTests
{
    private static ImageConfig Image(string[]? exposed = null, params string[] environment) =>
        new("linux/amd64", exposed ?? [], ["PATH=/usr/share/dotnet:/usr/bin", .. environment]);

    public static TheoryData<string, int?, string[], string[], int, string> Ports => new()
    {
        { "the check's port wins over everything", 9000, ["8080/tcp"], ["ASPNETCORE_HTTP_PORTS=8081"], 9000, "Check" },
        { "an EXPOSEd port", null, ["8080/tcp"], [], 8080, "Exposed" },
        { "EXPOSE wins over the variables", null, ["5000/tcp"], ["ASPNETCORE_HTTP_PORTS=8080"], 5000, "Exposed" },
        { "of several EXPOSEd ports the lowest (Visual Studio's 8080 and 8081)", null, ["8081/tcp", "8080/tcp"], [], 8080, "Exposed" },
        { "of several EXPOSEd ports the one ASP.NET Core listens on", null, ["80/tcp", "8080/tcp"], ["ASPNETCORE_HTTP_PORTS=8080"], 8080, "Exposed" },
        { "a UDP port is no web app's", null, ["53/udp"], [], 8080, "Default" },
        { "ASPNETCORE_HTTP_PORTS, as the official images set it", null, [], ["ASPNETCORE_HTTP_PORTS=8080"], 8080, "HttpPorts" },
        { "the first of several ASPNETCORE_HTTP_PORTS", null, [], ["ASPNETCORE_HTTP_PORTS=5080;5081"], 5080, "HttpPorts" },
        { "ASPNETCORE_URLS wins over ASPNETCORE_HTTP_PORTS, as in ASP.NET Core", null, [], ["ASPNETCORE_HTTP_PORTS=8080", "ASPNETCORE_URLS=http://+:5000"], 5000, "Urls" },
        { "ASPNETCORE_URLS without a port is 80", null, [], ["ASPNETCORE_URLS=http://*"], 80, "Urls" },
        { "ASPNETCORE_URLS' first address", null, [], ["ASPNETCORE_URLS=http://[::]:5005;https://[::]:5006"], 5005, "Urls" },
        { "an empty ASPNETCORE_HTTP_PORTS names nothing", null, [], ["ASPNETCORE_HTTP_PORTS="], 8080, "Default" },
        { "nothing named: 8080", null, [], [], 8080, "Default" },
    };

    [Theory]
    [MemberData(nameof(Ports))]
    public void ThePortComesFromTheCheckElseTheImageElse8080(string behaviour, int? named, string[] exposed, string[] environment, int port, string source)
    {
        var chosen = SmokePort.Choose(named, Image(exposed, environment));

        Assert.True(chosen == new SmokePort(port, Enum.Parse<SmokePortSource>(source)), $"{behaviour}: {chosen}");
    }

    [Theory]
    [InlineData("any web app: a page", false, 200, true)]
    [InlineData("any web app: a redirect", false, 302, true)]
    [InlineData("any web app: no page at the path, but an answer", false, 404, true)]
    [InlineData("any web app: a server error", false, 500, false)]
    [InlineData("any web app: unavailable", false, 503, false)]
    [InlineData("the version check: 200", true, 200, true)]
    [InlineData("the version check: anything else", true, 404, false)]
    public void AnyAnswerBelow500PassesUnlessTheVersionIsRead(string behaviour, bool readsVersion, int status, bool accepted)
    {
        var check = readsVersion ? SmokeCheck.Http("/health").WithVersion("version", "1.2.3") : new SmokeCheck();

        Assert.True(check.Accepts(status) == accepted, behaviour);
    }

    [Fact]
    public void AChecksDefaultsAreWhatAnyWebAppAnswers()
    {
        var check = new SmokeCheck();
        var health = SmokeCheck.Http(path: "/health");
        var version = SmokeCheck.Http("/health", port: 8080).WithVersion("version", "1.2.3", architectureField: "architecture");

        Assert.Equal(("/", (int?)null, TimeSpan.FromSeconds(60), false), (check.Path, check.Port, check.Timeout, check.ReadsVersion));
        Assert.Equal(("/health", (int?)null, false), (health.Path, health.Port, health.ReadsVersion));
        Assert.Equal(("/health", (int?)8080, "version", "1.2.3", "architecture"), (version.Path, version.Port, version.VersionField, version.ExpectedVersion, version.ArchitectureField));
    }

    [Theory]
    [InlineData("a path without its slash", "health", null, "The smoke check's path 'health' does not start with '/'; give the path as a browser asks for it, e.g. / or /health.")]
    [InlineData("no TCP port", "/", 70000, "The smoke check's port 70000 is not a TCP port; give one from 1 to 65535, or none for the image's own.")]
    [InlineData("a good check", "/health", 8080, null)]
    public void ABadCheckIsNamedBeforeAnythingRuns(string behaviour, string path, int? port, string? problem) =>
        Assert.True(SmokeCheck.Http(path, port).Problem() == problem, $"{behaviour}: {SmokeCheck.Http(path, port).Problem()}");

    [Theory]
    [InlineData("ASP.NET Core's default", "      Now listening on: http://localhost:5000", "localhost", 5000, true)]
    [InlineData("ASP.NET Core on every IPv6 and IPv4 address", "      Now listening on: http://[::]:8080", "[::]", 8080, false)]
    [InlineData("ASP.NET Core in a JSON log", """{"EventId":14,"LogLevel":"Information","Category":"Microsoft.Hosting.Lifetime","Message":"Now listening on: http://127.0.0.1:5000"}""", "127.0.0.1", 5000, true)]
    [InlineData("an address with no port", "Now listening on: http://+", "+", 80, false)]
    [InlineData("a Node server", "Server listening on http://0.0.0.0:3000/", "0.0.0.0", 3000, false)]
    [InlineData("a Go server", "2026/12/01 10:00:00 listening on :8081", "", 8081, false)]
    [InlineData("host and port without a scheme", "Listening on 127.0.0.1:9000", "127.0.0.1", 9000, true)]
    [InlineData("a port alone", "App listening on port 4000", "", 4000, false)]
    public void AnAppsLogSaysWhereItListens(string behaviour, string line, string host, int port, bool loopback)
    {
        var found = Assert.Single(ListeningAddress.In(["info: Microsoft.Hosting.Lifetime[14]", line]));

        Assert.True((found.Host, found.Port, found.IsLoopback) == (host, port, loopback), $"{behaviour}: {found}");
    }

    [Theory]
    [InlineData("a bind that failed is not a listen", "Unable to bind to http://localhost:5000 on the IPv6 loopback interface: 'Cannot assign requested address'.")]
    [InlineData("an ordinary line", "Content root path: /app")]
    [InlineData("a timestamp is no port", "2026-12-01T10:00:00 Application started.")]
    public void OtherLinesNameNoAddress(string behaviour, string line) =>
        Assert.True(ListeningAddress.In([line]).Count == 0, behaviour);

    private static readonly string[] KestrelOnLocalhost5000 =
    [
        "info: Microsoft.AspNetCore.Server.Kestrel[0]",
        "      Unable to bind to http://localhost:5000 on the IPv6 loopback interface: 'Cannot assign requested address'.",
        "info: Microsoft.Hosting.Lifetime[14]",
        "      Now listening on: http://localhost:5000",
        "info: Microsoft.Hosting.Lifetime[0]",
        "      Application started. Press Ctrl+C to shut down.",
        "info: Microsoft.Hosting.Lifetime[0]",
        "      Content root path: /app",
        "",
    ];

    private static readonly string[] KestrelOnAnyAddress5080 = ["info: Microsoft.Hosting.Lifetime[14]", "      Now listening on: http://[::]:5080", "      Content root path: /app"];

    private static readonly string[] KestrelOnAnyAddress8080 = ["info: Microsoft.Hosting.Lifetime[14]", "      Now listening on: http://[::]:8080", "      Content root path: /app"];

    private static readonly string[] Crashed = ["Unhandled exception. System.InvalidOperationException: No connection string named 'Store'.", "   at Program.<Main>$(String[] args) in /src/Program.cs:line 12"];

    public static TheoryData<string, string, string[], int, string, string[], string> Failures => new()
    {
        {
            "the Blazor app on a base without ASPNETCORE_HTTP_PORTS",
            "no answer", KestrelOnLocalhost5000, 8080, "Exposed", [],
            "store:1.0 did not answer GET / on port 8080 (the image's EXPOSE) in 5 s: the app listens on localhost:5000 inside the container, which nothing outside it reaches (its log: \"Now listening on: http://localhost:5000\"); set ASPNETCORE_HTTP_PORTS=8080 in the image (as the official .NET images do), or make the app listen on 0.0.0.0:8080."
        },
        {
            "an image whose ASPNETCORE_URLS keeps the app on localhost",
            "no answer", ["      Now listening on: http://localhost:8080"], 8080, "Urls", ["ASPNETCORE_URLS=http://localhost:8080"],
            "store:1.0 did not answer GET / on port 8080 (ASPNETCORE_URLS in the image) in 5 s: the app listens on localhost:8080 inside the container, which nothing outside it reaches (its log: \"Now listening on: http://localhost:8080\"); set ASPNETCORE_URLS=http://+:8080 in the image, or make the app listen on 0.0.0.0:8080."
        },
        {
            "an app on another port than the image EXPOSEs",
            "no answer", KestrelOnAnyAddress5080, 8080, "Exposed", [],
            "store:1.0 did not answer GET / on port 8080 (the image's EXPOSE) in 5 s: the app listens on port 5080 (its log: \"Now listening on: http://[::]:5080\"); EXPOSE 5080 in the image instead, or set ASPNETCORE_HTTP_PORTS=8080 in the image (as the official .NET images do)."
        },
        {
            "an app on another port than the image names none for",
            "no answer", KestrelOnAnyAddress5080, 8080, "Default", [],
            "store:1.0 did not answer GET / on port 8080 (the default; the image names none: no EXPOSE, ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS) in 5 s: the app listens on port 5080 (its log: \"Now listening on: http://[::]:5080\"); EXPOSE 5080 in the image, or set ASPNETCORE_HTTP_PORTS=8080 in the image (as the official .NET images do)."
        },
        {
            "an app on another port than the check names",
            "no answer", KestrelOnAnyAddress5080, 8080, "Check", [],
            "store:1.0 did not answer GET / on port 8080 (named by the smoke check) in 5 s: the app listens on port 5080 (its log: \"Now listening on: http://[::]:5080\"); name port 5080 in the smoke check, or set ASPNETCORE_HTTP_PORTS=8080 in the image (as the official .NET images do)."
        },
        {
            "an app that says nothing of where it listens",
            "no answer", ["Starting up", "Loading the catalog"], 8080, "Exposed", [],
            "store:1.0 did not answer GET / on port 8080 (the image's EXPOSE) in 5 s; its last log line: \"Loading the catalog\". Make the app listen on 0.0.0.0:8080 (set ASPNETCORE_HTTP_PORTS=8080 for ASP.NET Core), or name the port it listens on in the smoke check."
        },
        {
            "an app that says it listens on the port and does not answer",
            "no answer", KestrelOnAnyAddress8080, 8080, "HttpPorts", ["ASPNETCORE_HTTP_PORTS=8080"],
            "store:1.0 did not answer GET / on port 8080 (ASPNETCORE_HTTP_PORTS in the image) in 5 s, though its log says it listens there; its last log line: \"Content root path: /app\". Give it longer (the smoke check's Timeout), or check that it answers plain HTTP there."
        },
        {
            "a container that exits",
            "exited 134", Crashed, 8080, "HttpPorts", ["ASPNETCORE_HTTP_PORTS=8080"],
            "store:1.0 exited with code 134 before it answered GET / on port 8080 (ASPNETCORE_HTTP_PORTS in the image); its last log line: \"at Program.<Main>$(String[] args) in /src/Program.cs:line 12\"."
        },
        {
            "a container that exits without a word",
            "exited 1", [], 8080, "Default", [],
            "store:1.0 exited with code 1 before it answered GET / on port 8080 (the default; the image names none: no EXPOSE, ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS); it logged nothing."
        },
        {
            "a server error",
            "answered 500 Internal Server Error", ["fail: Store.Catalog[0]", "      The catalog database is not reachable."], 8080, "Exposed", [],
            "store:1.0 answered GET / on port 8080 (the image's EXPOSE) with 500 Internal Server Error; its last log line: \"The catalog database is not reachable.\"."
        },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void EachFailureIsOneLineSayingWhatWasSeen(string behaviour, string seen, string[] log, int port, string source, string[] environment, string expected)
    {
        var failure = new SmokeFailure("store:1.0", new SmokeCheck(), new SmokePort(port, Enum.Parse<SmokePortSource>(source)), Image(null, environment));

        var line = failure.Describe(Observation(seen), log, TimeSpan.FromSeconds(5.2));

        Assert.True(line == expected, $"{behaviour}:\n{line}");
        Assert.DoesNotContain('\n', line);
    }

    /// <summary>"no answer", "exited 134", "answered 500 Internal Server Error".</summary>
    private static SmokeObservation Observation(string seen) => seen.Split(' ', 3) switch
    {
        ["exited", var code] => new ContainerExited(int.Parse(code)),
        ["answered", var status, var reason] => new RefusedAnswer(int.Parse(status), reason),
        _ => new NoAnswer(),
    };

    [Fact]
    public void AVersionCheckThatMeetsAnotherStatusSaysWhatItWanted()
    {
        var failure = new SmokeFailure("store:1.0", SmokeCheck.Http("/health").WithVersion("version", "1.2.3"), new SmokePort(8080, SmokePortSource.Exposed), Image());

        var line = failure.Describe(new RefusedAnswer(404, "Not Found"), ["      Content root path: /app"], TimeSpan.FromSeconds(60));

        Assert.Equal("store:1.0 answered GET /health on port 8080 (the image's EXPOSE) with 404 Not Found, not 200 with its version; its last log line: \"Content root path: /app\".", line);
    }

    [Fact]
    public void TheImagesPlatformPortsAndEnvironmentAreReadFromDockerImageInspect()
    {
        const string inspected = """
            [{"Id":"sha256:61aa","Os":"linux","Architecture":"arm64","Variant":"v8",
              "Config":{"User":"1654","ExposedPorts":{"8080/tcp":{}},"Env":["PATH=/usr/bin","ASPNETCORE_HTTP_PORTS=8080","EMPTY="],"Entrypoint":["./Store"]}}]
            """;

        var image = ImageConfig.Parse(inspected);

        Assert.Equal("linux/arm64/v8", image.Platform);
        Assert.Equal(["8080/tcp"], image.ExposedPorts);
        Assert.Equal("8080", image.Variable("ASPNETCORE_HTTP_PORTS"));
        Assert.Equal("", image.Variable("EMPTY"));
        Assert.Null(image.Variable("ASPNETCORE_URLS"));
        Assert.Equal(new ImageConfig("linux/amd64", [], []).Platform, ImageConfig.Parse("""[{"Os":"linux","Architecture":"amd64","Config":{"Env":null}}]""").Platform);
    }

    [Theory]
    [InlineData(60, false, 60)]
    [InlineData(60, true, 180)]
    [InlineData(5, true, 15)]
    public void AnImageRunUnderEmulationIsGivenThreeTimesTheChecksTimeLimit(int seconds, bool emulated, int limit) =>
        Assert.Equal(TimeSpan.FromSeconds(limit), SmokeTestRun.TimeLimit(new SmokeCheck { Timeout = TimeSpan.FromSeconds(seconds) }, emulated));
}
