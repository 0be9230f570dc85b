using Keel;
using Keel.Components;

class Build : KeelBuild, ITest
{
    public static int Main() => Execute<Build, ICompile>(x => x.Compile);

    [Parameter("Configuration to build.")]
    public Configuration Configuration { get; set; } = Configuration.Debug;

    [Parameter("Token for GitHub and ghcr.io."), Secret]
    readonly string? GitHubToken;

    AbsolutePath[] BuildOutputs => [.. new[] { "src", "tests" }
        .Select(folder => RootDirectory / folder)
        .Where(folder => folder.DirectoryExists())
        .SelectMany(folder => Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories))
        .Where(directory => Path.GetFileName(directory) is "bin" or "obj")
        .Select(directory => AbsolutePath.Create(directory))];

    Target Clean => _ => _
        .Description("Deletes the bin and obj folders of the app and its tests.")
        .Before<IRestore>(x => x.Restore)
        .Executes(() =>
        {
            foreach (var directory in BuildOutputs)
                Directory.Delete(directory, recursive: true);
        });
}
