using Keel.Logging;
using Keel.Tests.Support;
using Keel.Tooling;
using Serilog;

namespace Keel.Containers.Tests;

/// <summary>Emulation of other architectures: registered where the machine allows it, and one line where it does not.</summary>
public class EmulationTests
{
    private sealed class Collect : Serilog.Core.ILogEventSink
    {
        public List<string> Lines { get; } = [];

        public void Emit(Serilog.Events.LogEvent logEvent) => Lines.Add(logEvent.RenderMessage());
    }

    private static Emulation Emulation(MachineFacts facts, string binfmt, ILogger? log = null)
    {
        var environment = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" };
        var logger = log ?? new LoggerConfiguration().CreateLogger();
        var runner = new ProcessRunner(logger, environment, new Redactor());
        var tools = new ToolResolver(environment);
        return new Emulation(new MachineSetup(runner, tools, facts, logger, mayInstall: true), runner, tools, facts, logger, binfmt);
    }

    [Fact]
    public void WithoutRootTheMissingEmulationIsNamedInOneLine()
    {
        using var binfmt = new TempDirectory(nuke: false);

        var error = Assert.Throws<BuildException>(() =>
            Emulation(new MachineFacts(IsRoot: false, "debian", true, true), binfmt.Path).EnsureFor(["arm64"], "amd64"));

        Assert.StartsWith("Running linux/arm64 images here needs emulation (qemu-user-static registered in binfmt_misc), and registering it needs root;", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(binfmt.Path));
    }

    /// <summary>What a build's image target asks before anything runs, as this repository's BuildImage does.</summary>
    private sealed class ForS390x : KeelBuild
    {
        Target BuildImage => _ => _
            .Requires(() => new ContainerImages(this, new ContainerOptions { Machine = new MachineFacts(IsRoot: false, "debian", true, true) })
                .CanRun([ContainerPlatform.Parse("linux/s390x", "test")]))
            .Executes(() => Log.Information("Building for linux/s390x"));
    }

    [Fact]
    public void WithoutRootABuildForAnotherProcessorStopsBeforeAnythingRunsInOneLine()
    {
        // Where s390x programs already run (registered by hand, or an s390x machine), nothing is missing; not here or on CI.
        if (File.Exists("/proc/sys/fs/binfmt_misc/qemu-s390x") || ContainerPlatform.ThisMachine.Architecture == "s390x")
            return;

        var outcome = TestBuild.Run<ForS390x>(["BuildImage"]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("Running linux/s390x images here needs emulation (qemu-user-static registered in binfmt_misc), and registering it needs root; run 'sudo apt-get install qemu-user-static'", outcome.Output);
        Assert.DoesNotContain("Building for linux/s390x", outcome.Output);
        Assert.DoesNotContain("   at ", outcome.Output);
    }

    [Fact]
    public void AnArchitectureWithoutAnEmulatorIsNamed() =>
        Assert.StartsWith("This machine cannot run linux/mips64le programs, and there is no emulator for that architecture;",
            Assert.Throws<BuildException>(() => Emulation(new MachineFacts(true, "debian", true, true), "/nonexistent").EnsureFor(["mips64le"], "amd64")).Message);

    [Fact]
    public void TheMachinesOwnArchitectureNeedsNothing()
    {
        using var binfmt = new TempDirectory(nuke: false);
        var emulation = Emulation(new MachineFacts(false, "debian", true, true), binfmt.Path);

        emulation.EnsureFor(["amd64"], "amd64");

        Assert.True(emulation.Runs("amd64", "amd64"));
        Assert.False(emulation.Runs("arm64", "amd64"));
    }

    /// <summary>
    /// The real thing, as root on Debian (as CI runs): binfmt_misc mounted, qemu-user-static installed and registered,
    /// and then an arm64 program (a hand-assembled ELF that exits with 42) runs on this amd64 machine. Elsewhere the
    /// build would not register anything, and the test has nothing to check.
    /// </summary>
    [Fact]
    public void AsRootOnDebianArm64ProgramsRunAfterwards()
    {
        var facts = MachineFacts.ForThisMachine();
        if (!OperatingSystem.IsLinux() || !facts.CanInstallPackages || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
            return;
        var log = new Collect();
        var emulation = Emulation(facts, "/proc/sys/fs/binfmt_misc", new LoggerConfiguration().WriteTo.Sink(log).CreateLogger());

        emulation.EnsureFor(["arm64"], "amd64");

        Assert.True(emulation.Runs("arm64", "amd64"));
        using var folder = new TempDirectory(nuke: false);
        var program = Path.Combine(folder.Path, "exit42-arm64");
        File.WriteAllBytes(program, Arm64ProgramThatExitsWith42());
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        using var run = System.Diagnostics.Process.Start(program)!;
        run.WaitForExit();
        Assert.Equal(42, run.ExitCode);
    }

    /// <summary>A static AArch64 ELF executable: mov x0, #42; mov x8, #93 (exit); svc #0.</summary>
    private static byte[] Arm64ProgramThatExitsWith42()
    {
        var elf = new List<byte>();
        elf.AddRange([0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        elf.AddRange(BitConverter.GetBytes((ushort)2));          // executable
        elf.AddRange(BitConverter.GetBytes((ushort)183));        // AArch64
        elf.AddRange(BitConverter.GetBytes(1u));                 // version
        elf.AddRange(BitConverter.GetBytes(0x400078UL));         // entry
        elf.AddRange(BitConverter.GetBytes(64UL));               // program headers at
        elf.AddRange(BitConverter.GetBytes(0UL));                // no section headers
        elf.AddRange(BitConverter.GetBytes(0u));                 // flags
        elf.AddRange(BitConverter.GetBytes((ushort)64));         // header size
        elf.AddRange(BitConverter.GetBytes((ushort)56));         // program header size
        elf.AddRange(BitConverter.GetBytes((ushort)1));          // one program header
        elf.AddRange(BitConverter.GetBytes((ushort)0));
        elf.AddRange(BitConverter.GetBytes((ushort)0));
        elf.AddRange(BitConverter.GetBytes((ushort)0));
        const ulong size = 0x78 + 12;
        elf.AddRange(BitConverter.GetBytes(1u));                 // loadable
        elf.AddRange(BitConverter.GetBytes(5u));                 // read and execute
        elf.AddRange(BitConverter.GetBytes(0UL));                // from the file's start
        elf.AddRange(BitConverter.GetBytes(0x400000UL));         // virtual address
        elf.AddRange(BitConverter.GetBytes(0x400000UL));         // physical address
        elf.AddRange(BitConverter.GetBytes(size));
        elf.AddRange(BitConverter.GetBytes(size));
        elf.AddRange(BitConverter.GetBytes(0x1000UL));
        elf.AddRange(BitConverter.GetBytes(0xD2800540u));        // mov x0, #42
        elf.AddRange(BitConverter.GetBytes(0xD2800BA8u));        // mov x8, #93
        elf.AddRange(BitConverter.GetBytes(0xD4000001u));        // svc #0
        return [.. elf];
    }
}
