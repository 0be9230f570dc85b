using Keel.Tests.Support;
using NJsonSchema;

namespace Keel.Tests.Extensions;

/// <summary>
/// The generated schema and the engine agree on parameters.json: a real JSON Schema validator (NJsonSchema) and a
/// real build judge each file of the table, and their verdicts must be the same.
/// </summary>
public class SchemaVerdictTests
{
    private sealed class Judged : KeelBuild
    {
        [Parameter("Configuration to build.")]
        readonly Configuration Configuration = Configuration.Debug;

        [Parameter("Retries of a flaky call.")]
        readonly int Retries = 1;

        [Parameter("Skip the slow parts.")]
        readonly bool Fast;

        [Parameter("Where to push.")]
        readonly string? Registry;

        Target Compile => _ => _.Executes(() => { });

        Target Test => _ => _.DependsOn(Compile).Executes(() => { });
    }

    public static TheoryData<string, string, bool> Files => new()
    {
        { "a known value", """{ "Configuration": "Release" }""", true },
        { "a value in another case", """{ "Configuration": "release" }""", true },
        { "a misspelt key", """{ "Configuratoin": "Release" }""", false },
        { "a value that is not allowed", """{ "Configuration": "Relase" }""", false },
        { "the schema line and a built-in enum in lowercase", """{ "$schema": "./build.schema.json", "Verbosity": "minimal" }""", true },
        { "targets to skip in another case", """{ "Skip": ["compile"] }""", true },
        { "an unknown target", """{ "Target": ["Deploy"] }""", false },
        { "a number", """{ "Retries": 3 }""", true },
        { "a word for a number", """{ "Retries": "three" }""", false },
        { "a switch", """{ "Fast": true, "Registry": "ghcr.io" }""", true },
        { "a null for a nullable string", """{ "Registry": null }""", true },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task TheSchemaAndTheEngineGiveTheSameVerdict(string behaviour, string parameters, bool valid)
    {
        using var root = new TempDirectory();
        TestBuild.Run<Judged>(["--help"], root: root);
        root.Write(".nuke/parameters.json", parameters);

        var engine = TestBuild.Run<Judged>(["--plan"], defaultTarget: "Test", root: root);
        var schema = await JsonSchema.FromJsonAsync(File.ReadAllText(root.File(".nuke/build.schema.json")));
        var errors = schema.Validate(parameters);

        Assert.True(valid == (engine.ExitCode == 0), $"{behaviour}: the engine said {engine.ExitCode}: {engine.Output}");
        Assert.True(valid == (errors.Count == 0), $"{behaviour}: the schema said {string.Join("; ", errors.Select(e => $"{e.Path} {e.Kind}"))}");
    }

    [Fact]
    public void NukesToolsFindTheBuildDefinitionWhereTheyLook()
    {
        using var root = new TempDirectory();
        TestBuild.Run<Judged>(["--help"], root: root);

        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(root.File(".nuke/build.schema.json")));

        Assert.True(schema.RootElement.GetProperty("definitions").TryGetProperty("NukeBuild", out var build));
        Assert.True(build.GetProperty("properties").TryGetProperty("Target", out _));
        Assert.Equal(["Compile", "Test"], schema.RootElement.GetProperty("definitions").GetProperty("ExecutableTarget").GetProperty("anyOf")[0].GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }
}
