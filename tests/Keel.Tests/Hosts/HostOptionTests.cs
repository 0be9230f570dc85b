using Keel.Execution;
using Keel.Tests.Support;

namespace Keel.Tests.Hosts;

/// <summary>NUKE's --continue, --root and --no-logo.</summary>
public class HostOptionTests
{
    private sealed class Mixed : KeelBuild
    {
        Target Broken => _ => _.Executes(() => throw new BuildException("no"));

        Target Independent => _ => _.Executes(() => { });

        Target Dependent => _ => _.DependsOn(Broken).Executes(() => { });
    }

    [Fact]
    public void WithoutContinueAFailureStopsEverythingAfterIt()
    {
        var outcome = TestBuild.Run<Mixed>(["Broken", "Independent", "Dependent"]);

        Assert.Equal(TargetStatus.NotRun, outcome["Independent"].Status);
    }

    [Fact]
    public void ContinueGoesOnWithWhatDoesNotDependOnTheFailure()
    {
        var outcome = TestBuild.Run<Mixed>(["Broken", "Independent", "Dependent", "--continue"]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(TargetStatus.Succeeded, outcome["Independent"].Status);
        Assert.Equal(TargetStatus.NotRun, outcome["Dependent"].Status);
        Assert.Equal("Broken did not succeed", outcome["Dependent"].Reason);
    }

    [Fact]
    public void RootNamesTheRepositoryWhereverTheBuildStarts()
    {
        using var here = new TempDirectory(nuke: false);
        using var repository = new TempDirectory();

        var outcome = TestBuild.Run<Mixed>(["Independent", "--root", repository.Path], root: here);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(repository.Path, outcome.Session!.RootDirectory.Value);
        Assert.True(File.Exists(repository.File(".nuke/temp/build.log")));
    }

    [Fact]
    public void ARootThatIsNoFolderIsRefusedInOneLine()
    {
        using var here = new TempDirectory();

        var outcome = TestBuild.Run<Mixed>(["Independent", "--root", "no/such/folder"], root: here);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal($"--root no/such/folder is not a folder ({here.File("no/such/folder")}); give the repository's root, the folder that holds .nuke/.", outcome.Output.Trim());
    }

    [Fact]
    public void NoLogoIsAccepted()
    {
        var outcome = TestBuild.Run<Mixed>(["--no-logo", "Independent"]);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(["Independent"], outcome.Ran);
    }
}
