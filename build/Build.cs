using Keel;
using Keel.Components;
using Keel.Tooling;

partial class Build : KeelBuild, ITest, IPublish
{
    public static int Main() => Execute<Build, ICompile>(x => x.Compile);

    [Parameter("Configuration to build; Debug on your machine, Release on CI.")]
    public Configuration Configuration { get; set; } = IsLocalBuild ? Configuration.Debug : Configuration.Release;

    [Parameter("Token for GitHub and ghcr.io; never sent to any other registry."), Secret]
    readonly string? GitHubToken;

    [GitVersion]
    readonly GitVersion GitVersion = null!;

    // Every compile is stamped with GitVersion's version; the app reports it on /health.
    public Configure<DotNetBuildSettings> CompileSettings => s => s
        .SetProperty("Version", GitVersion.SemVer)
        .SetProperty("InformationalVersion", GitVersion.SemVer);

    // The end-to-end tests drive this very build against Docker and a registry: they have a target of their own.
    public Configure<DotNetTestSettings> TestSettings => s => s.SetFilter("Category!=EndToEnd");

    public AbsolutePath PublishProject => RootDirectory / "src/Store/Store.csproj";

    public AbsolutePath PublishDirectory => RootDirectory / "src/Store/bin/publish";

    Target EndToEnd => _ => _
        .Description("Runs the end-to-end tests: the real build against Docker and a registry with TLS and a password.")
        .DependsOn<ICompile>(x => x.Compile)
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
            var folders = new[] { RootDirectory / "src", RootDirectory / "tests" }.Where(folder => folder.DirectoryExists());
            foreach (var directory in folders.SelectMany(folder => Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories)))
            {
                if (Path.GetFileName(directory) is "bin" or "obj" && Directory.Exists(directory))
                    Directory.Delete(directory, recursive: true);
            }
        });
}
