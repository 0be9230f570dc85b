using Keel.Tests.Support;

namespace Keel.Tests.Bootstrap;

/// <summary>
/// build.sh on a copy of this repository's build: it compiles the build once, starts it directly while nothing
/// changed, compiles again when a source changes, and the real build behaves as its users expect.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class BootstrapTests
{
    private static readonly string[] Copied = ["build", "src/Keel", "src/Keel.Components", "src/Keel.Containers", "global.json", "Directory.Build.props", "build.sh", "build.cmd", "build.ps1", ".nuke/parameters.json", ".github/workflows"];

    private static TempDirectory CopyOfRepository()
    {
        var copy = new TempDirectory();
        foreach (var item in Copied)
        {
            var source = Path.Combine(Repository.Root, item);
            if (File.Exists(source))
                File.Copy(source, copy.File(item), overwrite: true);
            else
                CopyDirectory(source, copy.File(item));
        }

        // Keep build.sh executable, as git does.
        File.SetUnixFileMode(copy.File("build.sh"), File.GetUnixFileMode(Path.Combine(Repository.Root, "build.sh")));
        return copy;
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }
    }

    private static (int ExitCode, string Output) Run(TempDirectory root, string workingDirectory, params string[] args) =>
        Command.Run(root.File("build.sh"), args, workingDirectory, start =>
        {
            start.Environment.Remove("DOTNET_EXE");
            start.Environment["NO_COLOR"] = "1";
        });

    /// <summary>PowerShell 7, as the .NET tool it ships as, installed once per machine into the temp folder.</summary>
    private static string PowerShell()
    {
        var tools = Path.Combine(Path.GetTempPath(), "keel-tests-pwsh-7.6.9");
        var pwsh = Path.Combine(tools, "pwsh");
        if (!File.Exists(pwsh))
        {
            var install = Command.Run("dotnet", ["tool", "install", "--tool-path", tools, "PowerShell", "--version", "7.6.9"], Path.GetTempPath());
            Assert.True(install.ExitCode == 0 || File.Exists(pwsh), install.Output);
        }

        return pwsh;
    }

    [Fact]
    public void BuildPs1TakesTheSameFastPathAndSharesItsStampWithBuildSh()
    {
        using var root = CopyOfRepository();
        var pwsh = PowerShell();
        (int ExitCode, string Output) Ps1(params string[] args) => Command.Run(pwsh, ["-NoLogo", "-NoProfile", "-File", root.File("build.ps1"), .. args], root.Path, start =>
        {
            start.Environment.Remove("DOTNET_EXE");
            start.Environment["NO_COLOR"] = "1";
        });

        var first = Ps1("--help");
        var second = Ps1("--help");
        var fromBash = Run(root, root.Path, "--help");
        File.AppendAllText(root.File("build/Build.cs"), "\n// changed\n");
        var afterChange = Ps1("--help");
        var typo = Ps1("Compil");

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("Compiling the build ...", first.Output);
        Assert.Contains("Targets (default: Compile):", first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.DoesNotContain("Compiling the build", second.Output);
        Assert.Contains("Targets (default: Compile):", second.Output);
        Assert.DoesNotContain("Compiling the build", fromBash.Output);
        Assert.Contains("Compiling the build ...", afterChange.Output);
        Assert.Equal(1, typo.ExitCode);
        Assert.Contains("Unknown target 'Compil'; did you mean 'Compile'?", typo.Output);
    }

    [Fact]
    public void TheBuildIsCompiledOnlyWhenItsSourcesChange()
    {
        using var root = CopyOfRepository();
        var stamp = root.File(".nuke/temp/build.stamp");

        var first = Run(root, root.Path, "--help");
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("Targets (default: Compile):", first.Output);
        Assert.Contains("Compiling the build ...", first.Output);
        var compiled = File.GetLastWriteTimeUtc(stamp);

        var second = Run(root, root.Path, "--help");
        Assert.Equal(first.Output.Replace("Compiling the build ...\n", ""), second.Output);
        Assert.Equal(compiled, File.GetLastWriteTimeUtc(stamp));

        // build.cmd is also a bash script (Git Bash, WSL, or `bash build.cmd`): it hands over to build.sh.
        var cmd = Command.Run("bash", [root.File("build.cmd"), "--help"], root.Path, start => start.Environment["NO_COLOR"] = "1");
        Assert.Equal((0, second.Output), cmd);

        root.Write("build/Build.Hello.cs", "using Keel;\n\npartial class Build\n{\n    Target Hello => _ => _.Description(\"Says hello.\").Executes(() => Log.Information(\"hello\"));\n}\n");
        var third = Run(root, root.Path, "Hello");
        Assert.True(third.ExitCode == 0, third.Output);
        Assert.NotEqual(compiled, File.GetLastWriteTimeUtc(stamp));
        Assert.Contains("Compiling the build ...", third.Output);
        Assert.Contains("hello", third.Output);

        // Started from outside the repository, as the nuke global tool or a script may do.
        var outside = Run(root, Path.GetTempPath(), "--help");
        Assert.True(outside.ExitCode == 0, outside.Output);
        Assert.Contains("Says hello.", outside.Output);

        // A removed source counts as a change too, even though no file got newer.
        File.Delete(root.File("build/Build.Hello.cs"));
        var fourth = Run(root, root.Path, "--help");
        Assert.True(fourth.ExitCode == 0, fourth.Output);
        Assert.Contains("Compiling the build ...", fourth.Output);
        Assert.DoesNotContain("Says hello.", fourth.Output);
    }

    [Fact]
    public void ACloneOpenedThroughASymbolicLinkCompilesOnceAndThenStartsAtOnceEitherWay()
    {
        using var root = CopyOfRepository();
        var link = Path.Combine(Path.GetTempPath(), $"keel-tests-link-{Guid.NewGuid():N}");
        Directory.CreateSymbolicLink(link, root.Path);
        try
        {
            (int ExitCode, string Output) ThroughLink() => Command.Run(Path.Combine(link, "build.sh"), ["--help"], link, start =>
            {
                start.Environment.Remove("DOTNET_EXE");
                start.Environment["NO_COLOR"] = "1";
            });

            var first = ThroughLink();
            var second = ThroughLink();
            var direct = Run(root, root.Path, "--help");
            var ps1 = Command.Run(PowerShell(), ["-NoLogo", "-NoProfile", "-File", Path.Combine(link, "build.ps1"), "--help"], link, start =>
            {
                start.Environment.Remove("DOTNET_EXE");
                start.Environment["NO_COLOR"] = "1";
            });

            Assert.True(first.ExitCode == 0, first.Output);
            Assert.Contains("Compiling the build ...", first.Output);
            Assert.Contains("Targets (default: Compile):", first.Output);
            Assert.True(second.ExitCode == 0, second.Output);
            Assert.DoesNotContain("Compiling the build", second.Output);
            Assert.Contains("Targets (default: Compile):", second.Output);
            Assert.True(direct.ExitCode == 0, direct.Output);
            Assert.DoesNotContain("Compiling the build", direct.Output);
            Assert.True(ps1.ExitCode == 0, ps1.Output);
            Assert.DoesNotContain("Compiling the build", ps1.Output);
            Assert.True(File.Exists(root.File("build/bin/_build.runtimeconfig.json")));
        }
        finally
        {
            File.Delete(link);
        }
    }

    [Fact]
    public void ASourceDatedInTheFutureCompilesOnceAndLaterEditsAreStillSeen()
    {
        using var root = CopyOfRepository();
        File.SetLastWriteTimeUtc(root.File("build/Build.cs"), DateTime.UtcNow.AddDays(2));

        var first = Run(root, root.Path, "--help");
        var second = Run(root, root.Path, "--help");
        File.SetLastWriteTimeUtc(root.File("build/Build.Image.cs"), DateTime.UtcNow);
        var afterEdit = Run(root, root.Path, "--help");

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("Compiling the build ...", first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.DoesNotContain("Compiling the build", second.Output);
        Assert.Contains("Targets (default: Compile):", second.Output);
        Assert.True(afterEdit.ExitCode == 0, afterEdit.Output);
        Assert.Contains("Compiling the build ...", afterEdit.Output);
    }

    [Fact]
    public void AFullDiskUnderTheTempFolderEndsTheCompileInOneLineAndLeavesNoHalfWrittenStamp()
    {
        using var root = CopyOfRepository();
        using var disk = FullDisk.MountOver(root.File(".nuke/temp"));
        disk.Fill();

        var run = Run(root, root.Path, "--help");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"The build cannot write its stamp to {root.File(".nuke/temp")}: free space on its disk (or make the folder writable) and run again.", run.Output.Trim());
        Assert.DoesNotContain(Directory.EnumerateFiles(root.File(".nuke/temp")), file => Path.GetFileName(file).StartsWith("build.stamp", StringComparison.Ordinal));

        disk.Free();
        var freed = Run(root, root.Path, "--help");
        Assert.True(freed.ExitCode == 0, freed.Output);
        Assert.Contains("Compiling the build ...", freed.Output);
    }

    [Fact]
    public async Task TwoRunsThatBothNeedACompileCompileOnceAndBothSucceed()
    {
        using var root = CopyOfRepository();

        var runs = await Task.WhenAll(Task.Run(() => Run(root, root.Path, "--help")), Task.Run(() => Run(root, root.Path, "--help")));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.Output));
        Assert.All(runs, run => Assert.Contains("Targets (default: Compile):", run.Output));
        var output = string.Join("\n", runs.Select(run => run.Output));
        Assert.Single(output.Split('\n'), line => line == "Compiling the build ...");
        Assert.Contains("Another run in this clone is compiling the build; waiting for it ...", output);
        Assert.DoesNotContain(Directory.EnumerateFiles(root.File(".nuke/temp")), file => Path.GetFileName(file).StartsWith("build.stamp.", StringComparison.Ordinal));
    }

    [Fact]
    public void TheRealBuildSuggestsTargetsRunsIdeProfilesAndNeverShowsTheToken()
    {
        using var root = CopyOfRepository();

        var typo = Run(root, root.Path, "Compil");
        Assert.Equal(1, typo.ExitCode);
        Assert.Contains("Unknown target 'Compil'; did you mean 'Compile'?", typo.Output);

        var secret = Run(root, root.Path, "Clean", "--github-token", "SOME-VALUE", "--verbosity", "verbose");
        Assert.True(secret.ExitCode == 0, secret.Output);
        var log = File.ReadAllText(root.File(".nuke/temp/build.log"));
        Assert.DoesNotContain("SOME-VALUE", secret.Output);
        Assert.DoesNotContain("SOME-VALUE", log);
        Assert.Contains("GitHubToken = *** (from the command line)", log);
        Assert.Contains("Clean", log);

        // An IDE's run menu, or `dotnet run --launch-profile`, starts the build with the profile's target.
        var profile = Command.Run("dotnet", ["run", "--project", root.File("build"), "--no-build", "--launch-profile", "Clean"], root.File("build"),
            start => start.Environment["NO_COLOR"] = "1");
        Assert.True(profile.ExitCode == 0, profile.Output);
        Assert.Matches(@"(?m)^Clean\s+Succeeded", profile.Output);
        Assert.DoesNotContain("── Compile", profile.Output);
        // Arguments added to a profile replace its arguments in dotnet run; the profile keeps its target all the same.
        var planned = Command.Run("dotnet", ["run", "--project", root.File("build"), "--no-build", "--launch-profile", "PushImage", "--", "--plan"], root.File("build"),
            start => start.Environment["NO_COLOR"] = "1");
        Assert.True(planned.ExitCode == 0, planned.Output);
        Assert.Matches(@"\d+\. PushImage \(invoked\)", planned.Output);
    }

    [Fact]
    public void BuildsStartedByTheseTestsRunAsOnADevelopersMachineEvenOnARunner()
    {
        var start = new System.Diagnostics.ProcessStartInfo("env");
        foreach (var (key, value) in new[] { ("GITHUB_ACTIONS", "true"), ("GITHUB_STEP_SUMMARY", "/runner/summary"), ("RUNNER_TEMP", "/runner/temp"), ("ACTIONS_RUNTIME_TOKEN", "t"), ("CI", "true"), ("KEPT", "yes") })
            start.Environment[key] = value;

        Command.AsOnADevelopersMachine(start);

        Assert.Equal("yes", start.Environment["KEPT"]);
        Assert.DoesNotContain(start.Environment.Keys, key => key.StartsWith("GITHUB_", StringComparison.Ordinal) || key.StartsWith("RUNNER_", StringComparison.Ordinal) || key.StartsWith("ACTIONS_", StringComparison.Ordinal) || key == "CI");
    }

    [Fact]
    public void TheCommittedWorkflowsAreExactlyWhatTheBuildGenerates()
    {
        using var root = CopyOfRepository();
        foreach (var file in Directory.EnumerateFiles(root.File(".github/workflows")))
            File.Delete(file);

        var run = Run(root, root.Path, "--generate-configuration");

        Assert.True(run.ExitCode == 0, run.Output);
        var committed = Directory.EnumerateFiles(Path.Combine(Repository.Root, ".github", "workflows")).Select(Path.GetFileName).Order().ToList();
        var generated = Directory.EnumerateFiles(root.File(".github/workflows")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(generated, committed);
        foreach (var file in generated)
        {
            Assert.True(
                File.ReadAllText(root.File($".github/workflows/{file}")) == File.ReadAllText(Path.Combine(Repository.Root, ".github", "workflows", file!)),
                $".github/workflows/{file} is not what build/Build.CI.cs generates; run ./build.sh --generate-configuration and commit the result.");
        }
    }
}
