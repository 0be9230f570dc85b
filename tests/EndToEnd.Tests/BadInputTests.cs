namespace EndToEnd.Tests;

/// <summary>
/// Bad input, as users type it: every row runs the real ./build.sh PushImage and must end with exit code 1 and one
/// line that names what was wrong, before anything is built or pushed, with no stack trace.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class BadInputTests : IClassFixture<BadInputTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public SecureRegistry Registry { get; } = new();
        public ThrowawayRepository Repository { get; } = new ThrowawayRepository().WithBranches("feature/cart");

        public void Dispose()
        {
            Repository.Dispose();
            Registry.Dispose();
        }
    }

    private readonly Fixture _fixture;

    public BadInputTests(Fixture fixture) => _fixture = fixture;

    /// <summary>One bad input; a registry password is set unless <paramref name="WithPassword"/> is false, so that the row's own mistake is the only one.</summary>
    public sealed record Case(string Name, string[] Arguments, string Expected, Dictionary<string, string>? Environment = null, string? Parameters = null, bool WithPassword = true)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Case> Cases => new()
    {
        new("a registry with a path", ["--registry", "127.0.0.1:5700/some/path", "--owner", "acme"], "Parameter --registry (from the command line) '127.0.0.1:5700/some/path' is not a registry host; give host[:port] and nothing else"),
        new("a registry with a space", ["--registry", "bad host", "--owner", "acme"], "Parameter --registry (from the command line) 'bad host' is not a registry host"),
        new("a registry with a scheme", ["--registry", "https://ghcr.io", "--owner", "acme"], "Parameter --registry (from the command line) 'https://ghcr.io' is not a registry host"),
        new("a port out of range", ["--registry", "ghcr.io:99999", "--owner", "acme"], "Parameter --registry (from the command line) 'ghcr.io:99999' is not a registry host"),
        new("port zero", ["--registry", "127.0.0.1:0", "--owner", "acme"], "Parameter --registry (from the command line) '127.0.0.1:0' is not a registry host"),
        new("a registry from the environment", ["--owner", "acme"], "Parameter --registry (from environment variable REGISTRY) 'registry.example.com/team' is not a registry host", new() { ["REGISTRY"] = "registry.example.com/team" }),
        new("a registry from parameters.json", ["--owner", "acme"], "Parameter --registry (from .nuke/parameters.json) 'ghcr.io/acme' is not a registry host", Parameters: """{ "Registry": "ghcr.io/acme" }"""),
        new("an owner with a '!'", ["--owner", "ac!me"], "Parameter --owner (from the command line) 'ac!me' is not a valid image repository name"),
        new("an owner with a space", ["--owner", "Acme Corp"], "Parameter --owner (from the command line) 'acme corp' is not a valid image repository name"),
        new("an image name with a space", ["--image-name", "my store"], "Parameter --image-name (from the command line) 'my store' is not a valid image repository name"),
        new("an image name ending in '/'", ["--image-name", "store/"], "Parameter --image-name (from the command line) 'store/' is not a valid image repository name"),
        new("an image name starting with '-'", [], "Parameter --image-name (from environment variable IMAGE_NAME) '-store' is not a valid image repository name", new() { ["IMAGE_NAME"] = "-store" }),
        new("an image name with '..'", ["--image-name", "store..web"], "Parameter --image-name (from the command line) 'store..web' is not a valid image repository name"),
        new("an image name of 300 characters", ["--image-name", new string('a', 300)], "Parameter --image-name (from the command line) makes the image name 325 characters long"),
        new("an image name from the environment", [], "Parameter --image-name (from environment variable IMAGE_NAME) 'my store' is not a valid image repository name", new() { ["IMAGE_NAME"] = "My Store" }),
        new("a misspelt configuration", ["--configuration", "Relase"], "Parameter --configuration (from the command line) 'Relase' is not one of Debug, Release; did you mean 'Release'?"),
        new("a misspelt configuration in the environment", [], "'Relase' is not one of Debug, Release", new() { ["CONFIGURATION"] = "Relase" }),
        new("an unknown verbosity", ["--verbosity", "loud"], "Parameter --verbosity (from the command line) 'loud' is not one of Quiet, Minimal, Normal, Verbose."),
        new("a switch that is no bool", ["--allow-stand-in-base", "maybe"], "Parameter --allow-stand-in-base (from the command line) 'maybe' is not a bool (true or false)."),
        new("a misspelt parameter", ["--regsitry", "ghcr.io"], "Unknown option --regsitry; did you mean '--registry'?"),
        new("a misspelt target to skip", ["--skip", "Tset"], "Unknown --skip 'Tset'; did you mean 'Test'?"),
        new("a profile that does not exist", ["--profile", "staging"], "Profile 'staging' (from --profile) has no file .nuke/parameters.staging.json; create it."),
        new("a misspelt key in parameters.json", [], ".nuke/parameters.json sets 'Configuratoin', which is not a parameter; did you mean 'Configuration'?", Parameters: """{ "Configuratoin": "Release" }"""),
        new("parameters.json that is no JSON", [], ".nuke/parameters.json is not valid JSON", Parameters: """{ "Registry": """),
        new("a value of the wrong type in parameters.json", [], "'sometimes' is not a bool", Parameters: """{ "AllowStandInBase": "sometimes" }"""),
        new("ghcr.io from parameters.json without a token", ["--owner", "acme"], "Target PushImage requires a password for ghcr.io", Parameters: """{ "Registry": "ghcr.io" }""", WithPassword: false),
        new("an unknown target among the ones to skip", ["--skip", "Test", "Tset"], "Unknown --skip 'Tset'; did you mean 'Test'?"),
        new("ghcr.io without a token", ["--registry", "ghcr.io", "--owner", "acme"], "Target PushImage requires a password for ghcr.io: pass --registry-password, or set GITHUB_TOKEN.", WithPassword: false),
        new("another registry with only a GitHub token", ["--registry", "127.0.0.1:5999", "--owner", "acme"], "Target PushImage requires a password for the registry: pass --registry-password, or set REGISTRY_PASSWORD (GITHUB_TOKEN is only ever sent to ghcr.io).", new() { ["GITHUB_TOKEN"] = "ghs-only-for-ghcr-0c1d" }, WithPassword: false),
        new("a registry with a user in it", ["--registry", "me@ghcr.io", "--owner", "acme"], "Parameter --registry (from the command line) 'me@ghcr.io' is not a registry host"),
        new("a registry with a trailing slash", ["--registry", "ghcr.io/", "--owner", "acme"], "Parameter --registry (from the command line) 'ghcr.io/' is not a registry host"),
        new("a secret too short to mask", [], "Parameter --github-token (from environment variable GITHUB_TOKEN) is a secret of 1 character(s)", new() { ["GITHUB_TOKEN"] = "x" }),
        new("a misspelt target", ["PushImag"], "Unknown target 'PushImag'; did you mean 'PushImage'?"),
        new("a target that does not exist", ["Deploy"], "Unknown target 'Deploy'"),
        new("an empty image name", ["--image-name", "."], "Parameter --image-name (from the command line) '.' is not a valid image repository name"),
        new("an owner with capitals and a slash at the end", ["--owner", "Acme/"], "Parameter --owner (from the command line) 'acme/' is not a valid image repository name"),
        new("a registry that is only a port", ["--registry", ":5000", "--owner", "acme"], "Parameter --registry (from the command line) ':5000' is not a registry host"),
        new("an IPv6 registry without brackets", ["--registry", "::1:5000", "--owner", "acme"], "Parameter --registry (from the command line) '::1:5000' is not a registry host"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadInputEndsInOneLineBeforeAnythingIsBuiltOrPushed(Case bad)
    {
        var parameters = Path.Combine(_fixture.Repository.Path, ".nuke", "parameters.json");
        var committed = File.ReadAllText(parameters);
        var before = _fixture.Registry.Client.Catalog();
        string[] arguments = bad.Arguments.Length > 0 && !bad.Arguments[0].StartsWith('-') ? bad.Arguments : ["PushImage", .. bad.Arguments];
        try
        {
            if (bad.Parameters is not null)
                File.WriteAllText(parameters, bad.Parameters);
            var environment = new Dictionary<string, string>(bad.Environment ?? []);
            if (bad.WithPassword)
                environment.TryAdd("REGISTRY_PASSWORD", "not-used-anywhere-3f9e");
            var run = BuildRun.Start(_fixture.Repository, environment, arguments);

            Assert.True(run.ExitCode == 1, $"{bad.Name}: exit code {run.ExitCode}\n{run.Output}");
            var errors = run.Output.Split('\n').Where(line => line.Contains(" ERR ", StringComparison.Ordinal) && !line.Contains("Nothing was run", StringComparison.Ordinal)).ToList();
            Assert.True(errors.Count == 1, $"{bad.Name}: {errors.Count} error lines\n{run.Output}");
            Assert.True(errors[0].Contains(bad.Expected, StringComparison.Ordinal), $"{bad.Name}: {errors[0]}");
            Assert.DoesNotContain("── Restore", run.Output);
            Assert.DoesNotContain("   at ", run.Output);
            Assert.Equal(before, _fixture.Registry.Client.Catalog());
        }
        finally
        {
            File.WriteAllText(parameters, committed);
        }
    }

    [Fact]
    public void ARepositoryWithNoCommitsIsToldToCommitFirst()
    {
        _fixture.Repository.Git("checkout", "-q", "--orphan", "fresh");
        try
        {
            var run = BuildRun.Start(_fixture.Repository, new Dictionary<string, string>(), "PushImage");

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("has no commits yet, so there is nothing to version or build; commit your files first (git add -A && git commit -m \"First commit\").", run.Output);
            Assert.DoesNotContain("── Restore", run.Output);
            Assert.DoesNotContain("usage: git", run.Output);
        }
        finally
        {
            _fixture.Repository.Git("checkout", "-q", "-f", "main");
        }
    }

    [Fact]
    public void ADockerHostThatDoesNotAnswerIsNamedAndNoEngineIsStarted()
    {
        var run = BuildRun.Start(_fixture.Repository, new Dictionary<string, string> { ["DOCKER_HOST"] = "unix:///tmp/keel-no-engine.sock" },
            "BuildImage", "--skip", "Test", "--registry", _fixture.Registry.Address, "--owner", "acme");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No Docker engine answers at DOCKER_HOST=unix:///tmp/keel-no-engine.sock; start that engine, or unset DOCKER_HOST", run.Output);
        Assert.DoesNotContain("starting dockerd", run.Output);
        Assert.DoesNotContain(run.CommandLines, line => line.Contains("dockerd") && line.Contains("start-stop-daemon"));
    }

    [Fact]
    public void ADockerContextThatDoesNotAnswerIsNamedAndNoEngineIsStarted()
    {
        var run = BuildRun.Start(_fixture.Repository, new Dictionary<string, string> { ["DOCKER_CONTEXT"] = "staging-engine" },
            "BuildImage", "--skip", "Test", "--registry", _fixture.Registry.Address, "--owner", "acme");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No Docker engine answers for the docker context 'staging-engine'; start that engine, or switch back with 'docker context use default'.", run.Output);
        Assert.DoesNotContain("starting dockerd", run.Output);
    }

    [Fact]
    public void AMissingDockerfileIsNamedWithTheFix()
    {
        var dockerfile = Path.Combine(_fixture.Repository.Path, "src", "Store", "Dockerfile");
        var content = File.ReadAllText(dockerfile);
        File.Delete(dockerfile);
        try
        {
            var run = BuildRun.Start(_fixture.Repository, new Dictionary<string, string>(), "BuildImage", "--skip", "Test", "--registry", _fixture.Registry.Address, "--owner", "acme");

            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"There is no Dockerfile at {dockerfile}; add one", run.Output);
            Assert.DoesNotContain("> docker build", run.Output);
        }
        finally
        {
            File.WriteAllText(dockerfile, content);
        }
    }
}
