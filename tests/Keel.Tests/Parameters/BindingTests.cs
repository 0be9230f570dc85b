using Keel.Tests.Support;

namespace Keel.Tests.Parameters;

/// <summary>Where parameter values come from, in which order they win, and how bad values are reported.</summary>
public class BindingTests
{
    public enum Color
    {
        Red,
        Green,
    }

    private sealed class Typed : KeelBuild
    {
        [Parameter("Name of the image")]
        public string? ImageName { get; private set; }

        [Parameter]
        public Configuration Configuration { get; private set; } = Configuration.Debug;

        [Parameter]
        public bool Push { get; private set; }

        [Parameter]
        public int Retries { get; private set; } = 3;

        [Parameter]
        public Color Shade { get; private set; }

        [Parameter]
        public string[] Platforms { get; private set; } = [];

        [Parameter]
        public int? Port { get; private set; }

        [Parameter]
        public AbsolutePath? Output { get; private set; }

        [Parameter]
        public string Region { get; } = "eu";

        Target Show => _ => _.Executes(() => { });
    }

    private static Typed Bind(string[] args, Dictionary<string, string>? environment = null, TempDirectory? root = null)
    {
        var outcome = TestBuild.Run<Typed>(["Show", .. args], environment: environment, root: root);
        Assert.True(outcome.ExitCode == 0, outcome.Output);
        return (Typed)outcome.Session!.Build;
    }

    [Fact]
    public void EveryKindOfTypeIsConvertedFromTheCommandLine()
    {
        using var root = new TempDirectory();
        var build = Bind(["--image-name", "shop", "--configuration", "release", "--push", "--retries", "5", "--shade", "green",
            "--platforms", "linux/amd64", "linux/arm64", "--port", "8080", "--output", "out/images", "--region", "us"], root: root);

        Assert.Equal("shop", build.ImageName);
        Assert.Equal(Configuration.Release, build.Configuration);
        Assert.True(build.Push);
        Assert.Equal(5, build.Retries);
        Assert.Equal(Color.Green, build.Shade);
        Assert.Equal(["linux/amd64", "linux/arm64"], build.Platforms);
        Assert.Equal(8080, build.Port);
        Assert.Equal(Path.Combine(root.Path, "out", "images"), build.Output!.Value);
        Assert.Equal("us", build.Region);
    }

    [Fact]
    public void UnsetParametersKeepTheBuildsDefaults()
    {
        var build = Bind([]);

        Assert.Null(build.ImageName);
        Assert.Equal(Configuration.Debug, build.Configuration);
        Assert.Equal(3, build.Retries);
        Assert.Null(build.Port);
        Assert.Empty(build.Platforms);
    }

    public static TheoryData<string, string[], Dictionary<string, string>, string?, string?, string> Precedence => new()
    {
        { "command line beats everything", ["--image-name", "cli"], new() { ["IMAGE_NAME"] = "env" }, "file", "profile", "cli" },
        { "environment beats files", [], new() { ["IMAGE_NAME"] = "env" }, "file", "profile", "env" },
        { "a profile beats parameters.json", [], new(), "file", "profile", "profile" },
        { "parameters.json beats the default", [], new(), "file", null, "file" },
        { "the exact member name is an environment variable too", [], new() { ["ImageName"] = "exact" }, null, null, "exact" },
        { "the NUKE_ prefix is accepted", [], new() { ["NUKE_IMAGE_NAME"] = "nuke" }, null, null, "nuke" },
        { "the KEEL_ prefix is accepted", [], new() { ["KEEL_IMAGENAME"] = "keel" }, null, null, "keel" },
        { "the exact name wins over loose matches", [], new() { ["ImageName"] = "exact", ["IMAGE_NAME"] = "loose" }, null, null, "exact" },
    };

    [Theory]
    [MemberData(nameof(Precedence))]
    public void SourcesWinInOrder(string behaviour, string[] args, Dictionary<string, string> environment, string? file, string? profile, string expected)
    {
        using var root = new TempDirectory();
        if (file is not null)
            root.Write(".nuke/parameters.json", $$"""{ "$schema": "./build.schema.json", "ImageName": "{{file}}" }""");
        if (profile is not null)
            root.Write(".nuke/parameters.ci.json", $$"""{ "imageName": "{{profile}}" }""");

        var build = Bind(profile is null ? args : [.. args, "--profile", "ci"], environment, root);

        Assert.True(expected == build.ImageName, $"{behaviour}: got {build.ImageName}");
    }

    [Fact]
    public void ArraysComeFromJsonArraysAndSeparatedEnvironmentValues()
    {
        using var root = new TempDirectory();
        root.Write(".nuke/parameters.json", """{ "Platforms": ["linux/amd64", "linux/arm64"], "Retries": 7, "Push": true }""");
        var fromFile = Bind([], root: root);
        var fromEnvironment = Bind([], new() { ["PLATFORMS"] = "linux/amd64, linux/arm64" });

        Assert.Equal(["linux/amd64", "linux/arm64"], fromFile.Platforms);
        Assert.Equal(7, fromFile.Retries);
        Assert.True(fromFile.Push);
        Assert.Equal(["linux/amd64", "linux/arm64"], fromEnvironment.Platforms);
    }

    [Fact]
    public void AmbiguousEnvironmentVariablesWarnAndAreIgnored()
    {
        var outcome = TestBuild.Run<Typed>(["Show"], environment: new Dictionary<string, string> { ["IMAGE_NAME"] = "a", ["IMAGENAME"] = "b" });

        Assert.Equal(0, outcome.ExitCode);
        Assert.Null(((Typed)outcome.Session!.Build).ImageName);
        Assert.Contains("WRN Parameter ImageName matches several environment variables with different values (IMAGENAME, IMAGE_NAME); all are ignored.", outcome.Output);
    }

    public static TheoryData<string, string[], Dictionary<string, string>, string?, string> BadInput => new()
    {
        { "value outside the value set", ["--configuration", "Relase"], new(), null, "Parameter --configuration (from the command line) 'Relase' is not one of Debug, Release; did you mean 'Release'?" },
        { "not a number", ["--retries", "many"], new(), null, "Parameter --retries (from the command line) 'many' is not a valid int." },
        { "enum from the environment", [], new() { ["SHADE"] = "blue" }, null, "Parameter --shade (from environment variable SHADE) 'blue' is not one of Red, Green." },
        { "bad value in parameters.json", [], new(), """{ "Port": "http" }""", "Parameter --port (from .nuke/parameters.json) 'http' is not a valid int." },
        { "unknown key in parameters.json", [], new(), """{ "ImagName": "x" }""", ".nuke/parameters.json sets 'ImagName', which is not a parameter; did you mean 'ImageName'?" },
        { "broken parameters.json", [], new(), "{ \"Port\": ", ".nuke/parameters.json is not valid JSON (line 1): fix or delete it." },
        { "unknown option", ["--imag-name", "x"], new(), null, "Unknown option --imag-name; did you mean '--image-name'? Run with --help to list the parameters." },
        { "missing profile", ["--profile", "staging"], new(), null, "Profile 'staging' (from --profile) has no file .nuke/parameters.staging.json; create it." },
        { "scalar given two values", ["--image-name", "a", "b"], new(), null, "Parameter --image-name (from the command line) expects one value, got 2." },
        { "value missing", ["--image-name"], new(), null, "Parameter --image-name (from the command line) expects a value (string)." },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void BadInputFailsWithOneLineThatNamesParameterSourceAndFix(string behaviour, string[] args, Dictionary<string, string> environment, string? file, string message)
    {
        using var root = new TempDirectory();
        if (file is not null)
            root.Write(".nuke/parameters.json", file);

        var outcome = TestBuild.Run<Typed>(["Show", .. args], environment: environment, root: root);

        Assert.True(outcome.ExitCode == 1, behaviour);
        var errors = outcome.Output.Split('\n').Where(l => l.Contains(" ERR ")).ToList();
        Assert.True(errors.Count == 1, $"{behaviour}: {outcome.Output}");
        Assert.True(errors[0].EndsWith(message, StringComparison.Ordinal), $"{behaviour}: {errors[0]}");
        Assert.DoesNotContain("   at ", outcome.Output);
        Assert.Null(outcome.Session!.Record);
    }

    public static TheoryData<string, string> ParameterFiles => new()
    {
        { "parameters.json", "" },
        { "parameters.ci.json", "ci" },
    };

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public void AFileWithAByteOrderMarkIsReadAsAnyOther(string file, string profile)
    {
        using var root = new TempDirectory();
        // Visual Studio and Windows PowerShell write UTF-8 with a byte order mark.
        File.WriteAllBytes(root.File($".nuke/{file}"), [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes("""{ "ImageName": "shop", "Retries": 5 }""")]);

        var build = Bind(profile.Length == 0 ? [] : ["--profile", profile], root: root);

        Assert.Equal("shop", build.ImageName);
        Assert.Equal(5, build.Retries);
    }

    public static TheoryData<string, string, string, string> KeysTwice => new()
    {
        { "parameters.json", "", """{ "ImageName": "a", "Retries": 5, "ImageName": "b" }""", ".nuke/parameters.json sets 'ImageName' twice; keep one." },
        { "parameters.json", "", """{ "ImageName": "a", "imageName": "b" }""", ".nuke/parameters.json sets ImageName twice ('ImageName' and 'imageName'); keep one." },
        { "parameters.json", "", """{ "image-name": "a", "ImageName": null }""", ".nuke/parameters.json sets ImageName twice ('image-name' and 'ImageName'); keep one." },
        { "parameters.ci.json", "ci", """{ "Retries": 5, "Retries": 5 }""", ".nuke/parameters.ci.json sets 'Retries' twice; keep one." },
        { "parameters.ci.json", "ci", """{ "Retries": 5, "RETRIES": 6 }""", ".nuke/parameters.ci.json sets Retries twice ('Retries' and 'RETRIES'); keep one." },
    };

    [Theory]
    [MemberData(nameof(KeysTwice))]
    public void AFileThatSetsAParameterTwiceIsRefusedInOneLineNamingTheKeyAndTheFile(string file, string profile, string json, string message)
    {
        using var root = new TempDirectory();
        root.Write($".nuke/{file}", json);

        var outcome = TestBuild.Run<Typed>(["Show", .. profile.Length == 0 ? Array.Empty<string>() : ["--profile", profile]], root: root);

        Assert.True(outcome.ExitCode == 1, outcome.Output);
        var errors = outcome.Output.Split('\n').Where(l => l.Contains(" ERR ")).ToList();
        Assert.True(errors.Count == 1, outcome.Output);
        Assert.EndsWith(message, errors[0]);
        Assert.DoesNotContain("   at ", outcome.Output);
        Assert.Null(outcome.Session!.Record);
    }

    private sealed class Strict : KeelBuild
    {
        [Parameter("Where to push"), Required]
        readonly string? Registry;

        Target Show => _ => _.Executes(() => { });
    }

    [Fact]
    public void ARequiredParameterWithoutValueFailsBeforeAnythingRuns()
    {
        var outcome = TestBuild.Run<Strict>(["Show"]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("Parameter Registry is required: pass --registry <value>, set REGISTRY, or add \"Registry\" to .nuke/parameters.json.", outcome.Output);
        Assert.Null(outcome.Session!.Record);
        Assert.Equal(0, TestBuild.Run<Strict>(["Show", "--registry", "ghcr.io"]).ExitCode);
    }
}
