using Keel.Tests.Support;
using static Keel.Tests.Bootstrap.BuildCopy;

namespace Keel.Tests.Bootstrap;

/// <summary>
/// build.sh, build.ps1 and build.cmd on a copy of this repository's build: they take one fast path however the clone is
/// opened, and the real build behaves as its users expect (suggestions, IDE profiles, no token shown, its workflows).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class BootstrapTests
{
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
