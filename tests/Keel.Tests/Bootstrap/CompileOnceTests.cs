using Keel.Tests.Support;
using static Keel.Tests.Bootstrap.BuildCopy;

namespace Keel.Tests.Bootstrap;

/// <summary>
/// build.sh compiles a copy of this repository's build once, starts it directly while nothing changed, and compiles
/// again when a source changes; two runs at once and a full disk leave one compile and no half-written stamp.
/// Apart from <see cref="BootstrapTests"/>, so that the two run at once.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class CompileOnceTests
{
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

        // The build and the engine start compiled ahead of time for this machine.
        Assert.All(["_build.dll", "Keel.dll", "Keel.Containers.dll", "Serilog.dll"], name => Assert.True(ReadyToRun.IsImage(root.File($"build/bin/{name}")), $"{name} is not ReadyToRun"));

        // What is left for the runtime to compile while --help starts stays small: no stub for a reflected member, and
        // no LINQ or collection over a value type from the engine's start-up path (each costs a compile on every run).
        var jitLog = root.File(".nuke/temp/jit.txt");
        var traced = Command.Run("dotnet", [root.File("build/bin/_build.dll"), "--help"], root.Path, start =>
        {
            start.Environment["DOTNET_JitStdOutFile"] = jitLog;
            start.Environment["DOTNET_JitDisasmSummary"] = "1";
        });
        Assert.True(traced.ExitCode == 0, traced.Output);
        var compiledAtStart = File.ReadAllLines(jitLog).Where(line => line.Contains("JIT compiled", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(compiledAtStart, line => line.Contains("InvokeStub_", StringComparison.Ordinal));
        Assert.DoesNotContain(compiledAtStart, line =>
            (line.Contains("compiled System.Linq.", StringComparison.Ordinal) || line.Contains("compiled System.Collections.Generic.", StringComparison.Ordinal)) &&
            (line.Contains("System.ValueTuple`", StringComparison.Ordinal) || line.Contains("System.Collections.DictionaryEntry", StringComparison.Ordinal)));
        Assert.True(compiledAtStart.Count < 40, $"{compiledAtStart.Count} methods compiled at start-up:\n{string.Join('\n', compiledAtStart)}");

        // Where find has no -printf (BSD, busybox), stat lists the sources: the same listing, so no compile either.
        var withoutPrintf = Run(root, root.Path, ["--help"], FindWithoutPrintf(root));
        Assert.Equal((0, second.Output), withoutPrintf);
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
    public void AServerTheCompileLeavesRunningDoesNotHoldTheCloneFromTheNextCompile()
    {
        using var root = CopyOfRepository();
        var serverPid = root.File("server.pid");
        try
        {
            var run = Run(root, root.Path, ["--help"], DotnetThatLeavesAServer(root, serverPid));

            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Contains("Compiling the build ...", run.Output);
            // The server outlives the compile, as the compiler server does, and must not keep the compile lock open:
            // held, it leaves the next run that needs a compile waiting for as long as the server lives.
            var server = File.ReadAllText(serverPid).Trim();
            Assert.True(Directory.Exists($"/proc/{server}"), "the stand-in server is not running");
            var open = Directory.EnumerateFileSystemEntries($"/proc/{server}/fd").Select(fd => new FileInfo(fd).LinkTarget);
            Assert.DoesNotContain(root.File(".nuke/temp/build.lock"), open);
        }
        finally
        {
            if (File.Exists(serverPid))
                Command.Run("kill", [File.ReadAllText(serverPid).Trim()], root.Path);
        }
    }

    /// <summary>
    /// A PATH whose dotnet is this machine's, except that a build also starts a process that lives on after it (as the
    /// compiler server a first compile starts does) and writes that process's id to <paramref name="pidFile"/>.
    /// </summary>
    private static string DotnetThatLeavesAServer(TempDirectory root, string pidFile) =>
        PathWithWrapper(root, "dotnet", $"if [ \"$1\" = build ]; then sleep 600 </dev/null >/dev/null 2>&1 & echo $! > '{pidFile}'; fi");

    /// <summary>A PATH whose find refuses -printf, as BSD's and busybox's do, and otherwise is this machine's.</summary>
    private static string FindWithoutPrintf(TempDirectory root) =>
        PathWithWrapper(root, "find", "for a in \"$@\"; do [ \"$a\" = -printf ] && { echo \"find: -printf: unknown primary or operator\" >&2; exit 1; }; done");

    /// <summary>This process's PATH with <paramref name="tool"/> ahead of it: a script that runs <paramref name="before"/>, then the real tool.</summary>
    private static string PathWithWrapper(TempDirectory root, string tool, string before)
    {
        var bin = root.File($"{tool}-bin");
        Directory.CreateDirectory(bin);
        var path = Environment.GetEnvironmentVariable("PATH")!;
        var real = path.Split(':').Select(folder => Path.Combine(folder, tool)).First(File.Exists);
        var wrapper = Path.Combine(bin, tool);
        File.WriteAllText(wrapper, $"#!/bin/sh\n{before}\nexec {real} \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return $"{bin}:{path}";
    }
}
