using Keel.Logging;
using Keel.Machine;
using Keel.Tooling;
using Serilog;

namespace Keel.Tests.Containers;

/// <summary>Installing what is missing: only as root on Debian or Ubuntu, and saying so.</summary>
public class MachineSetupTests
{
    private static MachineSetup Setup(MachineFacts facts) => new(
        new ProcessRunner(new LoggerConfiguration().CreateLogger(), new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" }, new Redactor()),
        new ToolResolver(new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" }),
        facts,
        new LoggerConfiguration().CreateLogger());

    [Fact]
    public void WithoutTheRightToInstallAMissingToolIsNamedInOneLine()
    {
        var error = Assert.Throws<BuildException>(() =>
            Setup(new MachineFacts(IsRoot: false, "debian", HasAptGet: true, HasStartStopDaemon: true)).Require("keel-no-such-tool", "keel-no-such-package", "the image is built with it"));

        Assert.Equal("'keel-no-such-tool' is not installed and the image is built with it; install it (Debian/Ubuntu package 'keel-no-such-package') and run the build again.", error.Message);
    }

    [Fact]
    public void AToolThatIsThereIsUsedAsItIs()
    {
        var path = Setup(new MachineFacts(false, "", false, false)).Require("git", "git", "needed");

        Assert.True(File.Exists(path));
    }

    [Theory]
    [InlineData(true, "debian", true, true)]
    [InlineData(true, "ubuntu", true, true)]
    [InlineData(false, "debian", true, false)]
    [InlineData(true, "fedora", true, false)]
    [InlineData(true, "debian", false, false)]
    public void OnlyRootOnDebianOrUbuntuInstallsPackages(bool root, string os, bool apt, bool expected) =>
        Assert.Equal(expected, new MachineFacts(root, os, apt, true).CanInstallPackages);
}
