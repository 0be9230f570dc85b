using Keel.Tests.Support;
using Keel.Tooling;

namespace Keel.Components.Tests;

/// <summary>The standard targets run their tool with the build's configuration and settings.</summary>
public class ComponentTests
{
    private sealed class Compiling : KeelBuild, ICompile
    {
        public Configuration Configuration => Configuration.Release;

        public AbsolutePath Solution => RootDirectory / "app.slnx";

        public Configure<DotNetBuildSettings> CompileSettings => s => s.SetProperty("ContinuousIntegrationBuild", "true");
    }

    [Fact]
    public void ComponentTargetsRunTheirToolWithTheBuildsSettings()
    {
        using var root = new TempDirectory();
        root.Write("app.slnx", "<Solution />\n");
        var record = root.File("dotnet-calls.txt");
        var outcome = TestBuild.Run<Compiling>(["Compile"], root: root, environment: new Dictionary<string, string>
        {
            ["DOTNET_EXE"] = Repository.TestProgramHost,
            ["TEST_PROGRAM_RECORD"] = record,
        });

        Assert.Equal(0, outcome.ExitCode);
        var solution = Path.Combine(root.Path, "app.slnx");
        Assert.Equal(
            [$"restore|{solution}|--nologo", $"build|{solution}|--no-restore|--configuration|Release|-p:ContinuousIntegrationBuild=true|--nologo"],
            File.ReadAllLines(record));
    }

    private sealed class Restoring : KeelBuild, IRestore;

    [Fact]
    public void WithoutASolutionRestoreFailsInOneLineSayingWhatToAdd()
    {
        using var root = new TempDirectory();

        var outcome = TestBuild.Run<Restoring>(["Restore"], root: root);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains($"Restore failed: No .slnx or .sln file in {root.Path}; add one, or implement Solution in the build.", outcome.Output);
        Assert.DoesNotContain("   at ", outcome.Output);
    }

    [Fact]
    public void TheSolutionIsTheOneInTheRootFolder()
    {
        using var root = new TempDirectory();
        File.WriteAllText(root.File("shop.slnx"), "<Solution />");
        var record = root.File("dotnet-calls.txt");

        var outcome = TestBuild.Run<Restoring>(["Restore"], root: root, environment: new Dictionary<string, string>
        {
            ["DOTNET_EXE"] = Repository.TestProgramHost,
            ["TEST_PROGRAM_RECORD"] = record,
        });

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal([$"restore|{root.File("shop.slnx")}|--nologo"], File.ReadAllLines(record));
    }

    private sealed class Packing : KeelBuild, IPack
    {
        public Configuration Configuration => Configuration.Release;

        public AbsolutePath Solution => RootDirectory / "lib.slnx";

        public IEnumerable<AbsolutePath> PackProjects => [RootDirectory / "src/Lib/Lib.csproj", RootDirectory / "src/Lib.Extras/Lib.Extras.csproj"];

        public Configure<DotNetPackSettings> PackSettings => s => s.SetProperty("Version", "1.2.3");
    }

    [Fact]
    public void PackWritesEveryProjectsPackagesAndSymbolsIntoThePackageFolder()
    {
        using var root = new TempDirectory();
        root.Write("lib.slnx", "<Solution />\n");
        var record = root.File("dotnet-calls.txt");

        var outcome = TestBuild.Run<Packing>(["Pack"], root: root, environment: new Dictionary<string, string>
        {
            ["DOTNET_EXE"] = Repository.TestProgramHost,
            ["TEST_PROGRAM_RECORD"] = record,
        });

        Assert.Equal(0, outcome.ExitCode);
        var packages = root.File("artifacts/packages");
        Assert.Equal(
            [.. new[] { "src/Lib/Lib.csproj", "src/Lib.Extras/Lib.Extras.csproj" }.Select(project =>
                $"pack|{root.File(project)}|--no-restore|--no-build|--output|{packages}|--include-symbols|-p:SymbolPackageFormat=snupkg|--configuration|Release|-p:Version=1.2.3|--nologo")],
            File.ReadAllLines(record).Where(line => line.StartsWith("pack|", StringComparison.Ordinal)));
    }

    private sealed class PublishingPerRuntime : KeelBuild, IPublish
    {
        public Configuration Configuration => Configuration.Release;

        public AbsolutePath Solution => RootDirectory / "app.slnx";

        public AbsolutePath PublishProject => RootDirectory / "src/App/App.csproj";

        public IReadOnlyList<string> PublishRuntimes => ["linux-x64", "linux-arm64"];

        public Configure<DotNetBuildSettings> CompileSettings => s => s.SetProperty("Version", "2.1.0");
    }

    [Fact]
    public void PublishingForRuntimesWritesOneFolderPerRuntimeWithTheCompiledVersion()
    {
        using var root = new TempDirectory();
        root.Write("app.slnx", "<Solution />\n");
        var record = root.File("dotnet-calls.txt");

        var outcome = TestBuild.Run<PublishingPerRuntime>(["Publish"], root: root, environment: new Dictionary<string, string>
        {
            ["DOTNET_EXE"] = Repository.TestProgramHost,
            ["TEST_PROGRAM_RECORD"] = record,
        });

        Assert.Equal(0, outcome.ExitCode);
        var publish = root.File(".nuke/temp/publish");
        // Restore restores the published project for every runtime at once; each runtime's publish then builds for that
        // runtime without restoring (a restore would rewrite Restore's assets file), framework-dependent, stamped as
        // Compile stamps.
        Assert.Equal(
            [$"restore|{root.File("app.slnx")}|--nologo", $"restore|{root.File("src/App/App.csproj")}|-p:RuntimeIdentifiers=\"linux-x64;linux-arm64\"|--nologo"],
            File.ReadAllLines(record).Where(line => line.StartsWith("restore|", StringComparison.Ordinal)));
        Assert.Equal(
            [.. new[] { "linux-x64", "linux-arm64" }.Select(rid =>
                $"publish|{root.File("src/App/App.csproj")}|--no-restore|--output|{publish}/{rid}|--runtime|{rid}|--no-self-contained|--configuration|Release|-p:Version=2.1.0|--nologo")],
            File.ReadAllLines(record).Where(line => line.StartsWith("publish|", StringComparison.Ordinal)));
    }
}
