using Keel.Parameters;
using Keel.Tests.Support;

namespace Keel.Tests.Parameters;

/// <summary>
/// A parameter named like a variable of a tool the build runs (DOCKER_CONTEXT, GIT_DIR, USERNAME) reads only the
/// KEEL_ or NUKE_ form of it: the tool's own variable is the tool's setting, not the build's value.
/// </summary>
public class ToolVariableTests
{
    public static TheoryData<string, string, string?> Names => new()
    {
        { "Docker's context", "DockerContext", "DOCKER_CONTEXT" },
        { "Docker's engine address", "DockerHost", "DOCKER_HOST" },
        { "Docker's config folder, kebab-case", "docker-config", "DOCKER_CONFIG" },
        { "BuildKit switch", "DockerBuildKit", "DOCKER_BUILDKIT" },
        { "Docker's TLS switch", "DockerTlsVerify", "DOCKER_TLS_VERIFY" },
        { "Docker's certificates", "DockerCertPath", "DOCKER_CERT_PATH" },
        { "git's repository", "GitDir", "GIT_DIR" },
        { "git's work tree", "GitWorkTree", "GIT_WORK_TREE" },
        { "git's index", "GitIndexFile", "GIT_INDEX_FILE" },
        { "the logged-in user on Windows", "Username", "USERNAME" },
        { "the search path", "Path", "PATH" },
        { "a registry is no tool's", "Registry", null },
        { "a registry user is no tool's", "RegistryUsername", null },
        { "GitHub's token is meant to be read", "GitHubToken", null },
        { "a Docker-ish name no tool reads", "DockerImage", null },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void ToolVariablesAreKnownByName(string behaviour, string parameter, string? variable) =>
        Assert.True(variable == ToolVariables.Matching(parameter)?.Variable, $"{behaviour}: got {ToolVariables.Matching(parameter)?.Variable}");

    private sealed class Tester : KeelBuild
    {
        [Parameter("Docker context to build in.")]
        public string? DockerContext { get; private set; }

        [Parameter("Name of the image.")]
        public string? ImageName { get; private set; }

        Target Show => _ => _.Executes(() => { });
    }

    public static TheoryData<string, string[], Dictionary<string, string>, string?> Binding => new()
    {
        { "Docker's own variable is left to Docker", [], new() { ["DOCKER_CONTEXT"] = "desktop-linux" }, null },
        { "the exact member name is not read either", [], new() { ["DockerContext"] = "desktop-linux" }, null },
        { "the KEEL_ form is read", [], new() { ["KEEL_DOCKER_CONTEXT"] = "ci", ["DOCKER_CONTEXT"] = "desktop-linux" }, "ci" },
        { "the NUKE_ form is read", [], new() { ["NUKE_DOCKER_CONTEXT"] = "ci" }, "ci" },
        { "the KEEL_ form in any spelling", [], new() { ["KEEL_DOCKERCONTEXT"] = "ci" }, "ci" },
        { "the command line sets it", ["--docker-context", "ci"], new() { ["DOCKER_CONTEXT"] = "desktop-linux" }, "ci" },
    };

    [Theory]
    [MemberData(nameof(Binding))]
    public void AParameterNamedLikeAToolVariableReadsOnlyThePrefixedForm(string behaviour, string[] args, Dictionary<string, string> environment, string? expected)
    {
        // Other parameters still read their plain variable.
        var outcome = TestBuild.Run<Tester>(["Show", .. args], environment: new Dictionary<string, string>(environment) { ["IMAGE_NAME"] = "shop" });

        Assert.True(outcome.ExitCode == 0, $"{behaviour}: {outcome.Output}");
        var build = (Tester)outcome.Session!.Build;
        Assert.True(expected == build.DockerContext, $"{behaviour}: got {build.DockerContext}");
        Assert.Equal("shop", build.ImageName);
    }

    [Fact]
    public void HelpAndRequirementsNameThePrefixedVariable()
    {
        var help = TestBuild.Run<Tester>(["--help"]);

        Assert.Contains("      Docker context to build in. Environment: KEEL_DOCKER_CONTEXT.", help.Output.Split('\n'));
        Assert.Contains("      Name of the image. Environment: IMAGE_NAME.", help.Output.Split('\n'));
    }

    private sealed class Needy : KeelBuild
    {
        [Parameter("Docker engine to use."), Required]
        readonly string? DockerHost;

        Target Show => _ => _.Executes(() => Log.Information("{Host}", DockerHost));
    }

    [Fact]
    public void ARequiredToolNamedParameterSaysWhichVariableSetsIt()
    {
        var outcome = TestBuild.Run<Needy>(["Show"], environment: new Dictionary<string, string> { ["DOCKER_HOST"] = "unix:///var/run/docker.sock" });

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("Parameter DockerHost is required: pass --docker-host <value>, set KEEL_DOCKER_HOST, or add \"DockerHost\" to .nuke/parameters.json.", outcome.Output);
        Assert.Contains("Parameter DockerHost does not read DOCKER_HOST, which is Docker's own; set KEEL_DOCKER_HOST to set it from the environment.", outcome.LogFile);
    }
}
