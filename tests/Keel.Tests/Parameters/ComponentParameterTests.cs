using System.Text.Json;
using Keel.Tests.Support;

namespace Keel.Tests.Parameters;

/// <summary>
/// Parameters declared on component interfaces (NUKE Components style): found on every interface the build implements,
/// bound from the same sources as the build's own, listed wherever parameters are listed.
/// </summary>
public class ComponentParameterTests
{
    private const string Password = "registry-Pa55word-42";

    private interface IHazRegistry : IKeelBuild
    {
        [Parameter("Registry to push to, host[:port].")]
        string? Registry => TryGetValue(() => Registry);

        [Parameter("How long one push may take, in seconds.")]
        int RegistryTimeout => TryGetValue<int?>(() => RegistryTimeout) ?? 600;

        [Parameter("Password for the registry."), Secret]
        string? RegistryPassword => TryGetValue(() => RegistryPassword);
    }

    private interface IPushImage : IHazRegistry
    {
        [Parameter("Name of the image.")]
        string ImageName => TryGetValue(() => ImageName) ?? "store";

        [Parameter("Platforms to build for.")]
        string[] Platforms => TryGetValue(() => Platforms) ?? [];

        [Parameter("Configuration of the app in the image.")]
        Configuration Flavor => TryGetValue(() => Flavor) ?? Configuration.Release;

        [Parameter("Publish an image built on a stand-in base.")]
        bool AllowStandInBase => TryGetValue(() => AllowStandInBase);

        [Parameter("Where the image's archive is written.")]
        AbsolutePath? Archive => TryGetValue(() => Archive);

        [Parameter("Port of the smoke test.")]
        int? Port => TryGetValue(() => Port);

        Target PushImage => _ => _
            .Requires(() => Registry)
            .Executes(() => Log.Information("Pushing {Image} to {Registry} with password {Password}", ImageName, Registry, RegistryPassword));
    }

    private sealed class Pusher : KeelBuild, IPushImage
    {
        [Parameter("The build's own parameter.")]
        public string? Owner { get; private set; }

        Target Show => _ => _.Executes(() => { });
    }

    private static IPushImage Bind(string[] args, Dictionary<string, string>? environment = null, TempDirectory? root = null)
    {
        var outcome = TestBuild.Run<Pusher>(["Show", .. args], environment: environment, root: root);
        Assert.True(outcome.ExitCode == 0, outcome.Output);
        return (IPushImage)outcome.Session!.Build;
    }

    public static TheoryData<string, string[], Dictionary<string, string>, string?, string?> Sources => new()
    {
        { "the command line", ["--registry", "cli.example:5000"], new(), null, null },
        { "an environment variable", [], new() { ["REGISTRY"] = "cli.example:5000" }, null, null },
        { "a KEEL_ environment variable", [], new() { ["KEEL_REGISTRY"] = "cli.example:5000" }, null, null },
        { "a profile", ["--profile", "ci"], new(), null, """{ "registry": "cli.example:5000" }""" },
        { "parameters.json", [], new(), """{ "$schema": "./build.schema.json", "Registry": "cli.example:5000" }""", null },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void AComponentParameterIsBoundFromEverySource(string source, string[] args, Dictionary<string, string> environment, string? file, string? profile)
    {
        using var root = new TempDirectory();
        if (file is not null)
            root.Write(".nuke/parameters.json", file);
        if (profile is not null)
            root.Write(".nuke/parameters.ci.json", profile);

        var build = Bind(args, environment, root);

        Assert.True(build.Registry == "cli.example:5000", $"{source}: got {build.Registry}");
    }

    [Fact]
    public void SourcesWinInTheSameOrderAsForTheBuildsOwnParameters()
    {
        using var root = new TempDirectory();
        root.Write(".nuke/parameters.json", """{ "Registry": "file", "ImageName": "file", "RegistryTimeout": 1 }""");

        var build = Bind(["--registry", "cli"], new() { ["REGISTRY"] = "env", ["IMAGE_NAME"] = "env" }, root);

        Assert.Equal("cli", build.Registry);
        Assert.Equal("env", build.ImageName);
        Assert.Equal(1, build.RegistryTimeout);
    }

    [Fact]
    public void EveryKindOfTypeIsConvertedWithTheSameConverter()
    {
        using var root = new TempDirectory();
        var build = Bind(["--registry-timeout", "30", "--platforms", "linux/amd64", "linux/arm64", "--flavor", "debug",
            "--allow-stand-in-base", "--archive", "out/image.tar", "--port", "8080"], root: root);

        Assert.Equal(30, build.RegistryTimeout);
        Assert.Equal(["linux/amd64", "linux/arm64"], build.Platforms);
        Assert.Equal(Configuration.Debug, build.Flavor);
        Assert.True(build.AllowStandInBase);
        Assert.Equal(Path.Combine(root.Path, "out", "image.tar"), build.Archive!.Value);
        Assert.Equal(8080, build.Port);
    }

    [Fact]
    public void TryGetValueReadsTheBuildsOwnParametersToo()
    {
        var build = (Pusher)Bind(["--owner", "octo"]);

        Assert.Equal("octo", build.TryGetValue(() => build.Owner));
    }

    [Fact]
    public void EachBuildHasItsOwnValuesAndUnsetOnesKeepTheDefaultsTheInterfaceGives()
    {
        var first = Bind(["--registry", "first.example", "--registry-timeout", "5", "--image-name", "web", "--port", "80"]);

        var second = Bind([]);

        Assert.Equal(("first.example", 5, "web", 80), (first.Registry, first.RegistryTimeout, first.ImageName, first.Port));
        Assert.Null(second.Registry);
        Assert.Equal(600, second.RegistryTimeout);
        Assert.Equal("store", second.ImageName);
        Assert.Empty(second.Platforms);
        Assert.Equal(Configuration.Release, second.Flavor);
        Assert.False(second.AllowStandInBase);
        Assert.Null(second.Port);
    }

    [Fact]
    public void ABadValueFailsWithOneLineThatNamesTheParameterAndItsSource()
    {
        var outcome = TestBuild.Run<Pusher>(["Show"], environment: new Dictionary<string, string> { ["REGISTRY_TIMEOUT"] = "soon" });

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("Parameter --registry-timeout (from environment variable REGISTRY_TIMEOUT) 'soon' is not a valid int.", outcome.Output);
        Assert.DoesNotContain("   at ", outcome.Output);
    }

    [Fact]
    public void HelpListsComponentParametersAfterTheBuildsOwnWithTheirDefaults()
    {
        var outcome = TestBuild.Run<Pusher>(["--help"]);

        Assert.Equal(0, outcome.ExitCode);
        var lines = outcome.Output.Split('\n');
        string[] order = ["  --owner <string>", "  --registry <string>", "  --registry-timeout <int>", "  --registry-password <string>  (secret)",
            "  --image-name <string>", "  --platforms <string>...", "  --flavor <Debug|Release>", "  --allow-stand-in-base", "  --archive <path>", "  --port <int>", "Build options:"];
        var positions = order.Select(line => Array.IndexOf(lines, line)).ToList();
        Assert.True(positions.All(p => p >= 0), outcome.Output);
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("      How long one push may take, in seconds. Environment: REGISTRY_TIMEOUT. Default: 600.", lines);
        Assert.Contains("      Name of the image. Environment: IMAGE_NAME. Default: store.", lines);
        Assert.Contains("      Configuration of the app in the image. Environment: FLAVOR. Default: Release.", lines);
        Assert.Contains("      Registry to push to, host[:port]. Environment: REGISTRY.", lines);
    }

    [Fact]
    public void TheSchemaListsComponentParametersForEditorsAndCompletion()
    {
        using var root = new TempDirectory();
        TestBuild.Run<Pusher>(["--help"], root: root);

        using var schema = JsonDocument.Parse(File.ReadAllText(root.File(".nuke/build.schema.json")));
        var properties = schema.RootElement.GetProperty("allOf")[0].GetProperty("properties");
        Assert.Equal(["Owner", "Registry", "RegistryTimeout", "RegistryPassword", "ImageName", "Platforms", "Flavor", "AllowStandInBase", "Archive", "Port"],
            properties.EnumerateObject().Select(p => p.Name));
        Assert.Equal("integer", properties.GetProperty("RegistryTimeout").GetProperty("type").GetString());
        Assert.Equal("array", properties.GetProperty("Platforms").GetProperty("type").GetString());
        Assert.Equal("Registry to push to, host[:port].", properties.GetProperty("Registry").GetProperty("description").GetString());
        Assert.True(schema.RootElement.GetProperty("properties").TryGetProperty("RegistryTimeout", out _));
    }

    [Fact]
    public void AComponentTargetRequiresAComponentParameterBeforeAnythingRuns()
    {
        var missing = TestBuild.Run<Pusher>(["PushImage"]);
        var given = TestBuild.Run<Pusher>(["PushImage", "--registry", "localhost:5000"]);

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("Target PushImage requires parameter Registry: pass --registry <value>, set REGISTRY, or add \"Registry\" to .nuke/parameters.json.", missing.Output);
        Assert.Null(missing.Session!.Record);
        Assert.True(given.ExitCode == 0, given.Output);
        Assert.Equal(["PushImage"], given.Ran);
        Assert.Contains("Pushing store to localhost:5000", given.Output);
    }

    private interface IHazToken : IKeelBuild
    {
        [Parameter("Token for the registry."), Required]
        string? Token => TryGetValue(() => Token);
    }

    private sealed class Tokened : KeelBuild, IHazToken
    {
        Target Show => _ => _.Executes(() => { });
    }

    [Fact]
    public void ARequiredComponentParameterWithoutValueFailsBeforeAnythingRuns()
    {
        var outcome = TestBuild.Run<Tokened>(["Show"]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("Parameter Token is required: pass --token <value>, set TOKEN, or add \"Token\" to .nuke/parameters.json.", outcome.Output);
        Assert.Null(outcome.Session!.Record);
        Assert.Equal(0, TestBuild.Run<Tokened>(["Show", "--token", "abc"]).ExitCode);
    }

    [Theory]
    [InlineData("command line", new[] { "--registry-password", Password }, null)]
    [InlineData("environment", new string[0], "REGISTRY_PASSWORD")]
    public void ASecretDeclaredOnAComponentIsMaskedInTheLog(string source, string[] args, string? variable)
    {
        var environment = variable is null ? null : new Dictionary<string, string> { [variable] = Password };
        var outcome = TestBuild.Run<Pusher>(["PushImage", "--registry", "localhost:5000", "--verbosity", "verbose", .. args], environment: environment);

        Assert.True(outcome.ExitCode == 0, $"{source}: {outcome.Output}");
        Assert.DoesNotContain(Password, outcome.Output);
        Assert.DoesNotContain(Password, outcome.LogFile);
        Assert.Contains("with password ***", outcome.Output);
        Assert.Contains("RegistryPassword = *** (from", outcome.LogFile);
    }

    [Fact]
    public void AComponentSecretTooShortToMaskIsRefusedLikeAnyOther()
    {
        var outcome = TestBuild.Run<Pusher>(["Show"], environment: new Dictionary<string, string> { ["REGISTRY_PASSWORD"] = "e" });

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("Parameter --registry-password (from environment variable REGISTRY_PASSWORD) is a secret of 1 character(s); one shorter than 4 cannot be masked in the log without masking ordinary text, so it is not used: pass the real value.", outcome.Output);
        Assert.Null(((IHazRegistry)outcome.Session!.Build).RegistryPassword);
    }

    // The build's own [Parameter] property implements the component's: it replaces it, as in NUKE.
    private sealed class OwnRegistry : KeelBuild, IPushImage
    {
        [Parameter("The build's registry.")]
        public string? Registry { get; private set; } = "ghcr.io";

        Target Show => _ => _.Executes(() => { });
    }

    [Fact]
    public void TheBuildsOwnParameterThatImplementsAComponentsReplacesIt()
    {
        var outcome = TestBuild.Run<OwnRegistry>(["Show", "--registry", "localhost:5000"]);
        var help = TestBuild.Run<OwnRegistry>(["--help"]);

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        var build = (OwnRegistry)outcome.Session!.Build;
        Assert.Equal("localhost:5000", build.Registry);
        Assert.Equal("localhost:5000", ((IHazRegistry)build).Registry);
        Assert.Single(outcome.Session.Parameters, p => p.Name == "Registry");
        Assert.Contains("      The build's registry. Environment: REGISTRY. Default: ghcr.io.", help.Output.Split('\n'));
        Assert.DoesNotContain("Registry to push to", help.Output);
    }

    // An explicit implementation changes the component parameter's default and keeps it a parameter.
    private sealed class OtherDefault : KeelBuild, IPushImage
    {
        string IPushImage.ImageName => TryGetValue(() => ((IPushImage)this).ImageName) ?? "shop";

        Target Show => _ => _.Executes(() => { });
    }

    [Fact]
    public void AnExplicitImplementationChangesAComponentParametersDefault()
    {
        var help = TestBuild.Run<OtherDefault>(["--help"]);
        var unset = TestBuild.Run<OtherDefault>(["Show"]);
        var set = TestBuild.Run<OtherDefault>(["Show", "--image-name", "web"]);

        Assert.Contains("      Name of the image. Environment: IMAGE_NAME. Default: shop.", help.Output.Split('\n'));
        Assert.Equal("shop", ((IPushImage)unset.Session!.Build).ImageName);
        Assert.Equal("web", ((IPushImage)set.Session!.Build).ImageName);
    }

    private sealed class FieldTwice : KeelBuild, IHazRegistry
    {
        [Parameter("The build's registry.")]
        readonly string? Registry = null;

        Target Show => _ => _.Executes(() => Log.Information("{Registry}", Registry));
    }

    private interface IHazMirror : IKeelBuild
    {
        [Parameter("A mirror registry.")]
        string? Registry => TryGetValue(() => Registry);
    }

    private sealed class ComponentsTwice : KeelBuild, IHazRegistry, IHazMirror
    {
        Target Show => _ => _.Executes(() => { });
    }

    [Fact]
    public void TheSameNameOnTheBuildAndAComponentItDoesNotReplaceIsRefusedInOneLine()
    {
        var outcome = TestBuild.Run<FieldTwice>(["Show"]);

        Assert.Equal(1, outcome.ExitCode);
        var errors = outcome.Output.Split('\n').Where(l => l.Contains(" ERR ")).ToList();
        Assert.True(errors.Count == 1, outcome.Output);
        Assert.EndsWith("Parameter Registry is declared twice, by FieldTwice.Registry and IHazRegistry.Registry; rename or remove one (a property of the build that implements IHazRegistry.Registry replaces it).", errors[0]);
        Assert.DoesNotContain("   at ", outcome.Output);
    }

    [Fact]
    public void TheSameNameOnTwoComponentsIsRefusedInOneLine()
    {
        var outcome = TestBuild.Run<ComponentsTwice>(["Show"]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("Parameter Registry is declared twice, by IHazMirror.Registry and IHazRegistry.Registry; rename or remove one", outcome.Output);
    }
}
