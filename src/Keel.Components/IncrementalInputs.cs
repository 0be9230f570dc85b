using Keel.Tooling;

namespace Keel.Components;

/// <summary>What the standard targets read and write, for their up-to-date checks, and the work they do project by project.</summary>
internal static class IncrementalInputs
{
    /// <summary>Files beside the solution that change every project's build.</summary>
    public static readonly string[] Shared =
        ["global.json", "nuget.config", "NuGet.Config", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"];

    /// <summary>What a restore reads: project and MSBuild files, lock files, NuGet's configuration, the solution.</summary>
    public static IEnumerable<string> Restore(IHazSolution build) =>
        [.. Shared, build.Solution.RelativeTo(build.RootDirectory), "**/*.csproj", "**/*.fsproj", "**/*.props", "**/*.targets", "**/packages.lock.json"];

    /// <summary>
    /// The restores Restore runs: the solution; then, when the build publishes for runtime identifiers, the published
    /// project for all of them at once (its assets then hold every runtime, and each runtime's publish needs no restore).
    /// </summary>
    public static IEnumerable<DotNetRestoreSettings> RestoreCommands(IRestore build)
    {
        yield return build.RestoreSettings(new DotNetRestoreSettings().SetProject(build.Solution));
        if (PublishRuntimes(build) is { Count: > 0 } runtimes)
        {
            yield return build.RestoreSettings(new DotNetRestoreSettings()
                .SetProject(((IPublish)build).PublishProject)
                .SetProperty("RuntimeIdentifiers", string.Join(';', runtimes)));
        }
    }

    /// <summary>The runtime identifiers the build publishes for; none when it publishes one portable app, or nothing.</summary>
    public static IReadOnlyList<string> PublishRuntimes(IHazSolution build) => build is IPublish publish ? publish.PublishRuntimes : [];

    /// <summary>What Compile reads: every project's folder, the solution and the shared files.</summary>
    public static IEnumerable<string> CompileSources(ICompile build)
    {
        var graph = ProjectGraph.Read(build.RootDirectory, build.Solution);
        return [.. Shared, build.Solution.RelativeTo(build.RootDirectory), .. graph.Projects.SelectMany(graph.Sources).Distinct()];
    }

    /// <summary>The compile command line, as an input value.</summary>
    public static string CompileCommand(ICompile build) => Command(Settings(build, null));

    /// <summary>The folders Compile builds into.</summary>
    public static IEnumerable<string> CompileOutputs(ICompile build) =>
        ProjectGraph.Read(build.RootDirectory, build.Solution).Projects.SelectMany(p => ProjectOutputs(build, p));

    /// <summary>
    /// The folder a project builds into, less the runtimes' folders in it (bin/Debug/net10.0/linux-arm64): those are
    /// Publish's, which builds the published project there once per runtime.
    /// </summary>
    private static IEnumerable<string> ProjectOutputs(ICompile build, AbsolutePath project)
    {
        var output = Output(build.RootDirectory, project, build.Configuration);
        return [output, .. PublishRuntimes(build).Select(runtime => $"!{output}/*/{runtime}")];
    }

    /// <summary>A command line as an input value: the project aside, which each unit names itself.</summary>
    public static string Command(DotNetSettings settings) => string.Join(' ', (settings with { Project = null }).ToArguments());

    /// <summary>The folder a project builds into for a configuration.</summary>
    public static string Output(AbsolutePath root, AbsolutePath project, string configuration) =>
        (project.Parent / "bin" / configuration).RelativeTo(root);

    /// <summary>
    /// Builds the projects that changed since their last successful build, and nothing else: when every project
    /// changed, the solution in one call; otherwise each changed project that no other changed project references
    /// (building it builds what it references).
    /// </summary>
    public static void Compile(ICompile build, IncrementalWork work)
    {
        var graph = ProjectGraph.Read(build.RootDirectory, build.Solution);
        var command = Command(Settings(build, null));
        var units = graph.Projects.Select(project => (Project: project, Unit: work.Unit(
            project.RelativeTo(build.RootDirectory),
            [.. graph.Sources(project), .. Shared, build.Solution.RelativeTo(build.RootDirectory)],
            [new("command", command), new("sdk", build.DotNet.SdkVersion)],
            [.. ProjectOutputs(build, project)]))).ToList();
        var changed = units.Where(u => !u.Unit.IsUpToDate).ToList();
        if (changed.Count == units.Count)
        {
            build.DotNet.Build(_ => Settings(build, build.Solution));
        }
        else
        {
            build.Log.Information("{Count} of {Total} projects are up to date; building {Changed}", units.Count - changed.Count, units.Count,
                string.Join(", ", changed.Select(c => c.Project.Name)));
            foreach (var (project, _) in changed.Where(c => !changed.Any(other => graph.Reaches(other.Project, c.Project))))
                build.DotNet.Build(_ => Settings(build, project));
        }

        foreach (var (_, unit) in changed)
            unit.Succeeded();
    }

    /// <summary>The projects Test runs: the named ones, or the solution's test projects when the solution is named.</summary>
    public static IReadOnlyList<AbsolutePath> TestProjects(ITest build) =>
        [.. build.TestProjects.SelectMany(p => Path.GetExtension(p.Value) is ".sln" or ".slnx"
            ? ProjectGraph.Read(build.RootDirectory, p).Projects.Where(ProjectGraph.IsTestProject)
            : [p])];

    /// <summary>What a project's tests read: its sources and those of everything it references.</summary>
    public static IEnumerable<string> Sources(IHazSolution build, AbsolutePath project) =>
        [.. ProjectGraph.Read(build.RootDirectory, project).Sources(project), .. Shared];

    /// <summary>Runs the tests of each test project whose sources, configuration and command changed since its last passing run.</summary>
    public static void Test(ITest build, IncrementalWork work, Func<AbsolutePath, DotNetTestSettings> settings)
    {
        var compile = Command(Settings(build, null));
        foreach (var project in TestProjects(build))
        {
            var unit = work.Unit(project.RelativeTo(build.RootDirectory), Sources(build, project),
                [new("command", Command(settings(project))), new("compile", compile), new("sdk", build.DotNet.SdkVersion)]);
            if (unit.IsUpToDate)
            {
                build.Log.Information("{Project}: tests passed and nothing they read changed ({Reason})", project.Name, unit.Reason);
                continue;
            }

            build.DotNet.Test(_ => settings(project));
            unit.Succeeded();
        }
    }

    private static DotNetBuildSettings Settings(ICompile build, AbsolutePath? project) =>
        build.CompileSettings(new DotNetBuildSettings()
            .SetProject(project?.Value)
            .SetConfiguration(build.Configuration)
            .EnableNoRestore());
}
