using Keel.Execution;
using Keel.Extensions;
using Keel.Tests.Support;

namespace Keel.Tests.Extensions;

/// <summary>Help, schema, IDE profiles, plan and summary are compared with approved copies in Snapshots/.</summary>
public class GeneratedFileTests
{
    public enum Platform
    {
        Linux,
        Windows,
    }

    private sealed class Shop : KeelBuild
    {
        [Parameter("Configuration to build")]
        readonly Configuration Configuration = Configuration.Debug;

        [Parameter("Image name, without the registry"), Required]
        readonly string? ImageName;

        [Parameter("Registry password"), Secret]
        readonly string? RegistryPassword;

        [Parameter("Platforms to build for")]
        readonly Platform[] Platforms = [Platform.Linux];

        [Parameter("Push retries")]
        readonly int? Retries;

        [Parameter("Also push 'latest'")]
        readonly bool Latest;

        [Parameter("Where images are written", FromEnvironment = false)]
        readonly AbsolutePath? Output;

        Target Restore => _ => _.Description("Restores packages").Executes(() => { });

        Target Compile => _ => _.Description("Compiles the solution").DependsOn(Restore).Executes(() => { });

        Target Clean => _ => _.Description("Deletes outputs").Before(Restore).Executes(() => { });

        Target Test => _ => _.Description("Runs the tests").DependsOn(Compile).Triggers(Report).Executes(() => { });

        Target Report => _ => _.Unlisted().Executes(() => { });

        Target Publish => _ => _.DependsOn(Test).After(Clean).Executes(() => { });
    }

    [Fact]
    public void HelpListsTargetsAndParameters()
    {
        var outcome = TestBuild.Run<Shop>(["--help"], defaultTarget: "Compile");

        Assert.Equal(0, outcome.ExitCode);
        Snapshot.Match(outcome.Output, "help.txt");
    }

    [Fact]
    public void TheSchemaDescribesTargetsAndParameters()
    {
        using var root = new TempDirectory();
        TestBuild.Run<Shop>(["--help"], root: root);

        Snapshot.Match(File.ReadAllText(root.File(".nuke/build.schema.json")), "build.schema.json");
        Assert.Equal("{\n  \"$schema\": \"./build.schema.json\"\n}\n", File.ReadAllText(root.File(".nuke/parameters.json")));
    }

    [Fact]
    public void TheIdeGetsOneLaunchProfilePerListedTarget()
    {
        using var root = new TempDirectory();
        root.Write("build/_build.csproj", "<Project />");
        TestBuild.Run<Shop>(["--help"], defaultTarget: "Compile", root: root);

        Snapshot.Match(File.ReadAllText(root.File("build/Properties/launchSettings.json")), "launchSettings.json");
    }

    [Fact]
    public void GeneratedFilesAreRewrittenOnlyWhenTheirContentChanges()
    {
        using var root = new TempDirectory();
        root.Write("build/_build.csproj", "<Project />");
        TestBuild.Run<Shop>(["--help"], root: root);
        var schema = root.File(".nuke/build.schema.json");
        var profiles = root.File("build/Properties/launchSettings.json");
        var old = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(schema, old);
        File.SetLastWriteTimeUtc(profiles, old);

        TestBuild.Run<Shop>(["--help"], root: root);
        Assert.Equal(old, File.GetLastWriteTimeUtc(schema));
        Assert.Equal(old, File.GetLastWriteTimeUtc(profiles));

        File.WriteAllText(schema, "{}");
        TestBuild.Run<Shop>(["--help"], root: root);
        Assert.Contains("ExecutableTarget", File.ReadAllText(schema));
    }

    [Fact]
    public void PlanPrintsTheOrderAndWritesAMermaidGraphWithoutRunning()
    {
        using var root = new TempDirectory();
        var outcome = TestBuild.Run<Shop>(["Publish", "Clean", "--plan", "--skip", "Restore"], root: root);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Null(outcome.Session!.Record);
        Snapshot.Match(outcome.Output, "plan.txt");
        Snapshot.Match(File.ReadAllText(root.File(".nuke/temp/plan.md")), "plan.md");
    }

    [Fact]
    public void TheSummaryTableShowsStatusReasonDurationAndTotal()
    {
        TargetRun Run(string name, TargetStatus status, double seconds, string? reason = null) =>
            new(new PlannedTarget(new TargetDefinition { Name = name, Index = 0 }, false, null))
            {
                Status = status,
                Duration = TimeSpan.FromSeconds(seconds),
                Reason = reason,
            };

        var record = new RunRecord([
            Run("Restore", TargetStatus.Succeeded, 1.25),
            Run("Lint", TargetStatus.Skipped, 0, "IsServerBuild"),
            Run("Compile", TargetStatus.Failed, 62.5, "error CS1002"),
            Run("Test", TargetStatus.NotRun, 0, "Compile did not succeed"),
            Run("All", TargetStatus.Collective, 0),
        ]);

        Snapshot.Match(SummaryRenderer.Render(record), "summary.txt");
    }
}
