namespace EndToEnd.Tests;

/// <summary>
/// Another team's repository uses Keel from its packages alone: this repository's ./build.sh Pack writes them (once for
/// all these tests, <see cref="PackedKeel"/>), and a brand-new repository (no src/Keel, its own NuGet cache) references
/// them from that folder, declares a target on the standard components and runs it through its own build.sh.
/// </summary>
public sealed partial class ConsumerRepositoryTests : IClassFixture<PackedKeel>, IDisposable
{
    private readonly PackedKeel _keel;
    private readonly ThrowawayRepository _consumer = ThrowawayRepository.Empty();
    private readonly string _packages = Path.Combine(Path.GetTempPath(), "keel-e2e", "nuget-" + Guid.NewGuid().ToString("N")[..10]);

    public ConsumerRepositoryTests(PackedKeel keel) => _keel = keel;

    private const string BuildFile = """
        using Keel;
        using Keel.Components;

        class Build : KeelBuild, ICompile
        {
            public static int Main() => Execute<Build>(x => x.Greet);

            [Parameter("Who to greet.")]
            readonly string Team = "nobody";

            [Parameter("The feed packages come from.")]
            readonly string? NuGetFeed;

            public Configuration Configuration => Configuration.Release;

            Target Greet => _ => _
                .Description("Greets the team once the library compiles.")
                .DependsOn<ICompile>(x => x.Compile)
                .Executes(() => Log.Information("Hello, {Team}, from a build on the Keel packages", Team));

            Target Wait => _ => _
                .Description("Waits until it is cancelled.")
                .Executes(async cancellation =>
                {
                    Log.Information("waiting for Ctrl-C");
                    await Task.Delay(TimeSpan.FromMinutes(2), cancellation);
                });
        }
        """;

    [Fact]
    public async Task ARepositoryOfItsOwnBuildsOnThePackedPackagesThroughItsOwnScript()
    {
        _keel.AssertPacked();
        var folder = _keel.Folder;
        var packed = Directory.GetFiles(folder).Select(Path.GetFileName).Order().ToList();
        var version = _keel.Version;
        Assert.Equal(
            new[] { "Keel", "Keel.Components", "Keel.Containers", "Keel.GlobalTool" }.SelectMany(id => new[] { $"{id}.{version}.nupkg", $"{id}.{version}.snupkg" }).Order(),
            packed);

        _consumer.Write(".nuke/parameters.json", """{ "Team": "the web team" }""");
        _consumer.Write("global.json", File.ReadAllText(Path.Combine(ThrowawayRepository.SourceRoot, "global.json")));
        File.Copy(Path.Combine(ThrowawayRepository.SourceRoot, "build.sh"), Path.Combine(_consumer.Path, "build.sh"));
        _consumer.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="keel" value="{folder}" />
              </packageSources>
            </configuration>
            """);
        _consumer.Write("build/_build.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <AssemblyName>_build</AssemblyName>
                <OutputPath>bin/</OutputPath>
                <AppendTargetFrameworkToOutputPath>false</AppendTargetFrameworkToOutputPath>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <NoWarn>$(NoWarn);CS0649;CS0169;CS0414</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Keel.Components" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        _consumer.Write("build/Build.cs", BuildFile);
        _consumer.Write("src/Greeter/Greeter.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);
        _consumer.Write("src/Greeter/Greeting.cs", "namespace Greeter;\n\npublic static class Greeting\n{\n    public const string Text = \"hello\";\n}\n");
        _consumer.Write("Greeter.slnx", "<Solution>\n  <Project Path=\"src/Greeter/Greeter.csproj\" />\n</Solution>\n");
        _consumer.Write(".gitignore", "bin/\nobj/\n.nuke/temp/\n");
        _consumer.Git("add", "-A");
        _consumer.Git("commit", "-q", "-m", "A repository of another team");

        var run = BuildRun.Start(_consumer, new Dictionary<string, string> { ["NUGET_PACKAGES"] = _packages });

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Hello, the web team, from a build on the Keel packages", run.Output);
        Assert.Matches(@"Compile\s+Succeeded", run.Output);
        Assert.True(File.Exists(Path.Combine(_consumer.Path, "src/Greeter/bin/Release/net10.0/Greeter.dll")), "the standard Compile built the solution in Release");
        Assert.False(Directory.Exists(Path.Combine(_consumer.Path, "src/Keel")));
        Assert.True(Directory.Exists(Path.Combine(_packages, "keel", version)), "Keel came from the packed folder into the repository's own cache");
        Assert.True(Directory.Exists(Path.Combine(_packages, "keel.components", version)));
        Assert.False(Directory.Exists(Path.Combine(_packages, "keel.containers")), "a build that does not ask for containers does not get them");

        var help = BuildRun.Start(_consumer, new Dictionary<string, string> { ["NUGET_PACKAGES"] = _packages }, "--help");
        Assert.Contains("Greets the team once the library compiles.", help.Output);
        Assert.DoesNotContain("Compiling the build", help.Output);
        // The nuke command, installed from the same folder into a tool path of its own.
        var tools = Path.Combine(_packages, "tools");
        var install = Shell.Run("dotnet", ["tool", "install", "Keel.GlobalTool", "--tool-path", tools, "--add-source", folder, "--version", version],
            environment: new Dictionary<string, string> { ["NUGET_PACKAGES"] = _packages });
        Assert.True(install.ExitCode == 0, install.Output);
        var nuke = Path.Combine(tools, "nuke");
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = _packages, ["NO_COLOR"] = "1" };

        var fromASubfolder = Shell.Run(nuke, ["--help"], Path.Combine(_consumer.Path, "src/Greeter"), environment);
        Assert.True(fromASubfolder.ExitCode == 0, fromASubfolder.Output);
        Assert.Contains("Greets the team once the library compiles.", fromASubfolder.Output);

        var typo = Shell.Run(nuke, ["Gret"], Path.Combine(_consumer.Path, "src"), environment);
        Assert.Equal(1, typo.ExitCode);
        Assert.Contains("Unknown target 'Gret'; did you mean 'Greet'?", typo.Output);

        using var elsewhere = new TempFolder();
        var outside = Shell.Run(nuke, ["Greet"], elsewhere.Path, environment);
        Assert.Equal(1, outside.ExitCode);
        Assert.Equal($"nuke: no .nuke folder in {elsewhere.Path} or above it; run nuke inside a repository whose build Keel runs.", outside.Output.Trim());

        // Completion, as bash asks for it: the script sourced, then the words typed so far.
        Assert.Equal("Greet", Complete(tools, "Gr"));
        Assert.Equal("--team", Complete(tools, "--te"));
        Assert.Equal("--nuget-feed", Complete(tools, "--nu"));
        Assert.Equal("Quiet\nMinimal\nNormal\nVerbose", Complete(tools, "Greet", "--verbosity", ""));
        // PowerShell's completion, through PowerShell 7's own TabExpansion2.
        var pwsh = PowerShell();
        var tabs = Shell.Run(pwsh, ["-NoLogo", "-NoProfile", "-Command",
            $"$env:PATH = '{tools}:' + $env:PATH; nuke :completion pwsh | Out-String | Invoke-Expression; (TabExpansion2 -inputScript 'nuke Gr' -cursorColumn 7).CompletionMatches.CompletionText"],
            _consumer.Path, environment);
        Assert.Equal("Greet", tabs.Output.Trim());

        // Ctrl-C in a terminal reaches every process of the foreground group: the build stops, nuke waits for it and
        // ends with the build's code. setsid makes nuke lead a group of its own, as a terminal's foreground job does, and
        // env gives it Ctrl-C's default handling, as a terminal's foreground job has it: a test run started in the
        // background of a script inherits Ctrl-C ignored, which every process keeps, as POSIX says it must.
        var waiting = new System.Diagnostics.ProcessStartInfo("env", ["--default-signal=INT", "setsid", nuke, "Wait"])
        {
            WorkingDirectory = _consumer.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
            waiting.Environment[key] = value;
        using var running = System.Diagnostics.Process.Start(waiting)!;
        var lines = new List<string>();
        var started = new TaskCompletionSource();
        running.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (lines)
                lines.Add(e.Data);
            if (e.Data.Contains("waiting for Ctrl-C", StringComparison.Ordinal))
                started.TrySetResult();
        };
        running.BeginOutputReadLine();
        var first = await Task.WhenAny(started.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(first == started.Task, string.Join('\n', lines));
        // Only ever the group nuke leads: never a group the test does not own.
        Assert.Equal(running.Id, Signals.GetProcessGroup(running.Id));
        Assert.Equal(0, Signals.Kill(-running.Id, Signals.Interrupt));
        var exited = running.WaitForExitAsync();
        var ended = await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(30)));
        string Seen()
        {
            lock (lines)
                return string.Join('\n', lines) + "\nstill in nuke's group:\n" + string.Join('\n', Shell.Run("ps", ["-e", "-o", "pid=,pgid=,stat=,args="]).Output
                    .Split('\n').Where(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var group, ..] && group == running.Id.ToString()));
        }
        if (ended != exited)
        {
            var seen = Seen();
            Signals.Kill(-running.Id, 9);
            Assert.Fail("nuke did not end within 30 s of Ctrl-C:\n" + seen);
        }

        Assert.Equal(130, running.ExitCode);
        Assert.Contains(lines, line => line.Contains("Build cancelled.", StringComparison.Ordinal));
    }

    /// <summary>PowerShell 7, as the .NET tool it ships as, installed once per machine into the temp folder.</summary>
    private static string PowerShell()
    {
        var tools = Path.Combine(Path.GetTempPath(), "keel-tests-pwsh-7.6.9");
        var pwsh = Path.Combine(tools, "pwsh");
        if (!File.Exists(pwsh))
        {
            var install = Shell.Run("dotnet", ["tool", "install", "--tool-path", tools, "PowerShell", "--version", "7.6.9"], Path.GetTempPath());
            Assert.True(install.ExitCode == 0 || File.Exists(pwsh), install.Output);
        }

        return pwsh;
    }


    private string Complete(string tools, params string[] words)
    {
        var typed = string.Join(' ', words.Select(w => w.Length == 0 ? "''" : w));
        var script = string.Join('\n',
            $"export PATH=\"{tools}:$PATH\"",
            "source <(nuke :completion bash)",
            $"COMP_WORDS=(nuke {typed})",
            $"COMP_CWORD={words.Length}",
            "_nuke_complete",
            "printf '%s\\n' \"${COMPREPLY[@]}\"");
        return Shell.Run("bash", ["-c", script], _consumer.Path).Output.Trim();
    }

    /// <summary>A folder outside any repository.</summary>
    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("keel-outside-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }


    public void Dispose()
    {
        _consumer.Dispose();
        try
        {
            Directory.Delete(_packages, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Signals through libc, so that a process group is named exactly (a kill command line could read it as a signal).</summary>
    private static class Signals
    {
        public const int Interrupt = 2;

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static extern int Kill(int pid, int signal);

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getpgid", SetLastError = true)]
        public static extern int GetProcessGroup(int pid);
    }
}
