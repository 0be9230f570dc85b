using Keel;
using Keel.Components;
using Keel.ProjectModel;
using Keel.Containers;
using Keel.Tooling;

partial class Build : KeelBuild, ITest, IPublish, IPack
{
    public static int Main() => Execute<Build, ICompile>(x => x.Compile);

    [Parameter("Configuration to build; Debug on your machine, Release on CI.")]
    public Configuration Configuration { get; set; } = IsLocalBuild ? Configuration.Debug : Configuration.Release;

    // GitVersion's answer, read once for the compile stamp, the packages and the image (IHazGitVersion).
    GitVersion GitVersion => ((IHazGitVersion)this).Versioning;

    // Every compile is stamped with GitVersion's version; the app reports it on /health.
    public Configure<DotNetBuildSettings> CompileSettings => s => s
        .SetProperty("Version", GitVersion.SemVer)
        .SetProperty("InformationalVersion", GitVersion.SemVer);

    // Test is the app's: what PushImage waits for. The engine's tests and the end-to-end tests have targets of their own.
    public IEnumerable<AbsolutePath> TestProjects => [RootDirectory / "tests/Store.Tests/Store.Tests.csproj"];

    static readonly string[] EngineTests = ["Keel.Tests", "Keel.Components.Tests", "Keel.Containers.Tests"];

    // The engine's test projects the solution builds: all three here; a copy of the repository that lists fewer runs those.
    IEnumerable<Project> EngineTestProjects => Solution.Read(((IHazSolution)this).Solution).BuiltProjects.Where(p => EngineTests.Contains(p.Name));

    // The engine's packages and the nuke command, written by Pack to artifacts/packages.
    public IEnumerable<AbsolutePath> PackProjects =>
        [.. new[] { "Keel", "Keel.Components", "Keel.Containers", "Keel.GlobalTool" }.Select(name => RootDirectory / "src" / name / $"{name}.csproj")];

    // Packages are Release builds wherever they are made: a local Pack compiles the engine's projects in Release too.
    public Configure<DotNetPackSettings> PackSettings => s => WithRepository(s with { Configuration = Configuration.Release, NoBuild = false })
        .SetProperty("Version", GitVersion.SemVer)
        .SetProperty("RepositoryCommit", GitVersion.Sha);

    DotNetPackSettings WithRepository(DotNetPackSettings settings) =>
        ((IContainerImage)this).Containers.Source.RepositoryUrl is { Length: > 0 } url ? settings.SetProperty("RepositoryUrl", url) : settings;

    public AbsolutePath PublishProject => RootDirectory / "src/Store/Store.csproj";

    public AbsolutePath PublishDirectory => RootDirectory / "src/Store/bin/publish";

    Target TestEngine => _ => _
        .Description("Runs the engine's tests: Keel, Keel.Components and Keel.Containers.")
        .DependsOn<ICompile>(x => x.Compile)
        .After<ITest>(x => x.Test)
        .Produces(".nuke/temp/test-results")
        // The three at once: the engine's tests wait on processes, Docker and git much of the time. A project not
        // started yet when Ctrl-C comes is not started at all.
        .Executes(context => Task.WhenAll(EngineTestProjects.Select(project => Task.Run(() => DotNet.Test(s => s
            .SetProject(project.Path)
            .SetConfiguration(Configuration)
            .EnableNoRestore()
            .EnableNoBuild()
            .SetResultsDirectory(TemporaryDirectory / "test-results")
            .AddLogger($"trx;LogFileName={project.Name}.trx")), context.CancellationToken))));

    // The engine's own tests run first: the end-to-end tests drive the engine through this very build.
    Target EndToEnd => _ => _
        .Description("Runs the end-to-end tests: the real build against Docker and a registry with TLS and a password.")
        .DependsOn<ICompile>(x => x.Compile)
        .DependsOn(TestEngine)
        .After<ITest>(x => x.Test)
        .Executes(() => DotNet.Test(s => s
            .SetProject(RootDirectory / "tests/EndToEnd.Tests/EndToEnd.Tests.csproj")
            .SetConfiguration(Configuration)
            .EnableNoRestore()
            .EnableNoBuild()
            .SetResultsDirectory(TemporaryDirectory / "test-results")
            .AddLogger("trx")));

    Target Clean => _ => _
        .Description("Deletes the bin and obj folders of the app and its tests.")
        .Before<IRestore>(x => x.Restore)
        .Executes(() =>
        {
            foreach (var folder in RootDirectory.GlobDirectories("src/**/bin", "src/**/obj", "tests/**/bin", "tests/**/obj"))
                folder.DeleteDirectory();
        });
}
