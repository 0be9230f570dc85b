using Keel.Logging;
using Keel.Containers;
using Keel.Tooling;
using Keel.Tests.Support;
using Serilog;

namespace Keel.Containers.Tests;

/// <summary>Installing what is missing: only when the build allows it, only as root on Debian or Ubuntu, and saying so.</summary>
public class MachineSetupTests
{
    private static MachineSetup Setup(MachineFacts facts, ILogger? log = null, bool mayInstall = true) => new(
        new ProcessRunner(new LoggerConfiguration().CreateLogger(), new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" }, new Redactor()),
        new ToolResolver(new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" }),
        facts,
        log ?? new LoggerConfiguration().CreateLogger(),
        mayInstall);

    private sealed class Collect : Serilog.Core.ILogEventSink
    {
        public List<string> Lines { get; } = [];

        public void Emit(Serilog.Events.LogEvent logEvent) => Lines.Add(logEvent.RenderMessage());
    }

    [Fact]
    public void WithoutTheRightToInstallAMissingToolIsNamedInOneLine()
    {
        var error = Assert.Throws<BuildException>(() =>
            Setup(new MachineFacts(IsRoot: false, "debian", HasAptGet: true, HasStartStopDaemon: true)).Require("keel-no-such-tool", "keel-no-such-package", "the image is built with it"));

        Assert.Equal("'keel-no-such-tool' is not installed and the image is built with it; install it (Debian/Ubuntu package 'keel-no-such-package') and run the build again.", error.Message);
    }

    [Fact]
    public void ABuildThatDidNotOptInIsToldHowAndNothingIsInstalled()
    {
        var log = new Collect();
        var error = Assert.Throws<BuildException>(() =>
            Setup(new MachineFacts(IsRoot: true, "debian", HasAptGet: true, HasStartStopDaemon: true), new LoggerConfiguration().WriteTo.Sink(log).CreateLogger(), mayInstall: false)
                .Require("keel-no-such-tool", "keel-no-such-package", "the image is built with it"));

        Assert.Equal("'keel-no-such-tool' is not installed and the image is built with it; install it (Debian/Ubuntu package 'keel-no-such-package'), or let the build install it ([ContainerImages(InstallMissingTools = true)]) and run the build again.", error.Message);
        Assert.Empty(log.Lines);
    }

    [Fact]
    public void ABuildThatDidNotOptInGetsNullFromTryRequire() =>
        Assert.Null(Setup(new MachineFacts(IsRoot: true, "debian", true, true), mayInstall: false).TryRequire("keel-no-such-tool", "keel-no-such-package", "needed"));

    [Fact]
    public void TryRequireAnswersNullWhereNothingCanBeInstalled() =>
        Assert.Null(Setup(new MachineFacts(IsRoot: false, "debian", true, true)).TryRequire("keel-no-such-tool", "keel-no-such-package", "needed"));

    /// <summary>
    /// Installs GNU hello for real, as the build installs docker.io on a fresh machine. It needs root on Debian or
    /// Ubuntu (as CI has); elsewhere there is nothing the build would install, and the test has nothing to check.
    /// </summary>
    [Fact]
    public void AsRootOnDebianAMissingToolIsInstalledAndTheBuildSaysSo()
    {
        var facts = MachineFacts.ForThisMachine();
        if (!facts.CanInstallPackages)
            return;
        Command.Run("dpkg", ["--remove", "hello"], Path.GetTempPath());
        var log = new Collect();

        var path = Setup(facts, new LoggerConfiguration().WriteTo.Sink(log).CreateLogger()).Require("hello", "hello", "the test needs it");

        Assert.Equal("/usr/bin/hello", path);
        Assert.Contains(log.Lines, l => l.Contains("is missing") && l.Contains("installing the") && l.Contains("hello") && l.Contains("package with apt-get"));
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
