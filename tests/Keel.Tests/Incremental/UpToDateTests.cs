using Keel.Execution;
using Keel.Tests.Support;

namespace Keel.Tests.Incremental;

/// <summary>
/// A target that declares inputs and outputs is skipped while nothing it reads or wrote changed, and runs again on
/// every change that can change its result. Real files in a real folder, a real build run each time.
/// </summary>
public class UpToDateTests
{
    private sealed class Copying : KeelBuild
    {
        [Parameter("What to put first.")]
        readonly string Greeting = "hello";

        Target Copy => _ => _
            .Inputs("src")
            .InputValue("greeting", () => Greeting)
            .InputValue("sdk", () => EnvironmentVariables.GetValueOrDefault("SDK_VERSION"))
            .Outputs("out/copy.txt")
            .Executes(() =>
            {
                var sources = Directory.EnumerateFiles(RootDirectory / "src", "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
                if (sources.Any(file => File.ReadAllText(file).Contains("fail", StringComparison.Ordinal)))
                    throw new BuildException("a source says fail");
                Directory.CreateDirectory(RootDirectory / "out");
                File.WriteAllText(RootDirectory / "out/copy.txt", Greeting + "\n" + string.Concat(sources.Select(File.ReadAllText)));
                File.AppendAllText(RootDirectory / "ran.log", "Copy\n");
            });

        Target Report => _ => _
            .DependsOn(Copy)
            .Inputs("out/copy.txt")
            .Executes(() => File.AppendAllText(RootDirectory / "ran.log", "Report\n"));

        Target Always => _ => _
            .DependsOn(Copy)
            .Executes(() => File.AppendAllText(RootDirectory / "ran.log", "Always\n"));
    }

    private static TempDirectory Project()
    {
        var root = new TempDirectory();
        root.Write("src/a.txt", "apples\n");
        root.Write("src/sub/b.txt", "bananas\n");
        return root;
    }

    /// <summary>Runs the build, then returns the targets that ran (from the log the targets write) and the outcome.</summary>
    private static (IReadOnlyList<string> Ran, BuildOutcome Outcome) Run(TempDirectory root, string[] args, Dictionary<string, string>? environment = null)
    {
        var log = root.File("ran.log");
        if (File.Exists(log))
            File.Delete(log);
        var outcome = TestBuild.Run<Copying>(args, root: root, environment: environment);
        return (File.Exists(log) ? File.ReadAllLines(log) : [], outcome);
    }

    public static TheoryData<string, Action<TempDirectory>, string[], string[]> Changes => new()
    {
        { "nothing changed", _ => { }, ["Report"], [] },
        { "a file saved again unchanged", root => File.SetLastWriteTimeUtc(root.File("src/a.txt"), DateTime.UtcNow.AddMinutes(5)), ["Report"], [] },
        { "a file edited", root => root.Write("src/a.txt", "apricots\n"), ["Report"], ["Copy", "Report"] },
        { "a file added", root => root.Write("src/sub/c.txt", "cherries\n"), ["Report"], ["Copy", "Report"] },
        { "a file deleted", root => File.Delete(root.File("src/sub/b.txt")), ["Report"], ["Copy", "Report"] },
        { "a file renamed", root => File.Move(root.File("src/sub/b.txt"), root.File("src/sub/berries.txt")), ["Report"], ["Copy", "Report"] },
        { "an empty folder added", root => Directory.CreateDirectory(root.File("src/empty")), ["Report"], [] },
        { "a file under bin", root => root.Write("src/bin/tool.dll", "binary"), ["Report"], [] },
        { "a parameter changed", _ => { }, ["Report", "--greeting", "howdy"], ["Copy", "Report"] },
        { "the output deleted", root => File.Delete(root.File("out/copy.txt")), ["Report"], ["Copy", "Report"] },
        { "the output edited", root => File.AppendAllText(root.File("out/copy.txt"), "edited\n"), ["Report"], ["Copy", "Report"] },
        { "every target forced", _ => { }, ["Report", "--force"], ["Copy", "Report"] },
        { "one target forced", _ => { }, ["Report", "--force", "Report"], ["Report"] },
        { "the state file corrupt", root => File.WriteAllText(root.File(".nuke/temp/up-to-date/Copy.json"), "{ not json"), ["Report"], ["Copy", "Report"] },
        { "the state file gone", root => Directory.Delete(root.File(".nuke/temp/up-to-date"), recursive: true), ["Report"], ["Copy", "Report"] },
        { "a target that declares nothing", _ => { }, ["Always"], ["Always"] },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void ATargetRunsAgainExactlyWhenSomethingItReadsOrWroteChanged(string behaviour, Action<TempDirectory> change, string[] args, string[] expected)
    {
        using var root = Project();
        var first = Run(root, ["Report", "Always"]);
        Assert.True(first.Outcome.ExitCode == 0, first.Outcome.Output);

        change(root);
        var (ran, outcome) = Run(root, args);

        Assert.True(outcome.ExitCode == 0, $"{behaviour}: {outcome.Output}");
        Assert.True(expected.SequenceEqual(ran), $"{behaviour}: ran {string.Join(", ", ran)}");
    }

    [Fact]
    public void ADifferentSdkIsADifferentInput()
    {
        using var root = Project();
        Run(root, ["Report"], new() { ["SDK_VERSION"] = "10.0.100" });

        var same = Run(root, ["Report"], new() { ["SDK_VERSION"] = "10.0.100" });
        var other = Run(root, ["Report"], new() { ["SDK_VERSION"] = "10.0.200" });

        Assert.Empty(same.Ran);
        Assert.Equal(["Copy", "Report"], other.Ran);
    }

    [Fact]
    public void TheSummarySaysUpToDateAndWhy()
    {
        using var root = Project();
        Run(root, ["Report"]);

        var (_, outcome) = Run(root, ["Report"]);

        Assert.Equal(TargetStatus.UpToDate, outcome["Copy"].Status);
        Assert.Matches(@"Copy\s+UpToDate: unchanged since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d", outcome.Output);
        Assert.Contains("Copy is up to date: unchanged since", outcome.Output);
        Assert.Contains("Build succeeded.", outcome.Output);
    }

    [Fact]
    public void AFailedRunIsNeverUpToDate()
    {
        using var root = Project();
        Run(root, ["Report"]);
        root.Write("src/a.txt", "fail\n");

        var failed = Run(root, ["Report"]);
        var again = Run(root, ["Report"]);

        Assert.Equal(1, failed.Outcome.ExitCode);
        Assert.Equal(1, again.Outcome.ExitCode);
        Assert.Equal(TargetStatus.Failed, again.Outcome["Copy"].Status);
    }

    [Fact]
    public void AfterAFailureTheOldSuccessNoLongerCounts()
    {
        // Succeeded with apples; failed halfway with "fail" (which may have overwritten outputs); back to apples: it runs.
        using var root = Project();
        Run(root, ["Report"]);
        root.Write("src/a.txt", "fail\n");
        Run(root, ["Report"]);
        root.Write("src/a.txt", "apples\n");

        var (ran, _) = Run(root, ["Report"]);

        Assert.Equal(["Copy", "Report"], ran);
    }

    [Fact]
    public void AnotherClonesStateIsNotThisOnes()
    {
        using var original = Project();
        Run(original, ["Report"]);
        using var copy = new TempDirectory();
        foreach (var file in Directory.EnumerateFiles(original.Path, "*", SearchOption.AllDirectories))
            copy.Write(Path.GetRelativePath(original.Path, file), File.ReadAllText(file));

        var (ran, _) = Run(copy, ["Report"]);

        Assert.Equal(["Copy", "Report"], ran);
    }

    [Fact]
    public void ThePlanSaysWhichTargetsWouldRunAndWhyTheOthersWouldNot()
    {
        using var root = Project();
        Run(root, ["Report"]);
        var upToDate = TestBuild.Run<Copying>(["Report", "Always", "--plan"], root: root);
        root.Write("src/a.txt", "apricots\n");
        var changed = TestBuild.Run<Copying>(["Report", "--plan"], root: root);

        Assert.Matches(@"1\. Copy \(up to date: unchanged since [^)]+\)", upToDate.Output);
        Assert.Matches(@"2\. Report \(up to date: unchanged since [^)]+\)", upToDate.Output);
        Assert.Contains("3. Always (invoked)\n", upToDate.Output);
        Assert.Contains("1. Copy (runs: its inputs changed)", changed.Output);
        Assert.Contains("2. Report (invoked) (runs: Copy runs first)", changed.Output);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private sealed class Filling : KeelBuild
    {
        Target Prepare => _ => _
            .Inputs("src")
            .Executes(() => File.AppendAllText(RootDirectory / "ran.log", "Prepare\n"));

        /// <summary>Fills the disk under .nuke/temp while "fill-the-disk" exists (it is not among its inputs), then logs on.</summary>
        Target Fill => _ => _
            .DependsOn(Prepare)
            .Inputs("src")
            .Executes(() =>
            {
                if (File.Exists(RootDirectory / "fill-the-disk"))
                {
                    FullDisk.Fill(TemporaryDirectory);
                    // More than build.log's last page holds: the log, too, meets the full disk.
                    for (var line = 0; line < 100; line++)
                        Log.Information("filled the disk, line {Line} of 100", line);
                }

                File.AppendAllText(RootDirectory / "ran.log", "Fill\n");
            });
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void ASuccessThatCannotBeRecordedOnAFullDiskFailsInOneLineAndLeavesTheOtherRecordsIntact()
    {
        using var root = Project();
        using var disk = FullDisk.MountOver(root.File(".nuke/temp"));
        root.Write("fill-the-disk", "");

        var full = TestBuild.Run<Filling>(["Fill"], root: root);
        var states = Directory.EnumerateFiles(root.File(".nuke/temp/up-to-date")).Select(Path.GetFileName).Order().ToList();
        disk.Free();
        File.Delete(root.File("fill-the-disk"));
        File.Delete(root.File("ran.log"));
        var freed = TestBuild.Run<Filling>(["Fill"], root: root);

        Assert.Equal(1, full.ExitCode);
        var errors = full.Output.Split('\n').Where(l => l.Contains(" ERR ")).ToList();
        Assert.True(errors.Count == 1, full.Output);
        Assert.EndsWith($"Fill failed: The success of Fill could not be recorded in {root.File(".nuke/temp/up-to-date")} (its disk is full): free space on that disk and run again.", errors[0]);
        Assert.DoesNotContain("   at ", full.Output);
        Assert.EndsWith($"{root.File(".nuke/temp/build.log")} is incomplete (its disk is full): free space on that disk before the next run.", full.Output.Trim());
        Assert.Equal(["Prepare.json"], states);
        Assert.True(freed.ExitCode == 0, freed.Output);
        Assert.Equal(TargetStatus.UpToDate, freed["Prepare"].Status);
        Assert.Equal(["Fill"], File.ReadAllLines(root.File("ran.log")));
    }

    [Fact]
    public void AnUnknownTargetToForceIsRefusedWithASuggestion()
    {
        using var root = Project();

        var outcome = TestBuild.Run<Copying>(["Report", "--force", "Cpy"], root: root);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("Unknown --force 'Cpy'; did you mean 'Copy'?", outcome.Output);
    }
}
