namespace Keel;

/// <summary>
/// Where a repository keeps its build, known in one place: the root (the folder holding <c>.nuke/</c>), the build
/// project, the temp folder for logs and caches, the parameter files, and the scripts that start the build. The
/// host finds it once and hands it to the build, its extensions and its generators.
/// </summary>
public sealed record BuildLayout
{
    internal BuildLayout(AbsolutePath rootDirectory) => RootDirectory = rootDirectory;

    public AbsolutePath RootDirectory { get; }

    /// <summary><c>.nuke/</c>: its presence marks the root.</summary>
    public AbsolutePath NukeDirectory => RootDirectory / MarkerDirectory;

    /// <summary><c>.nuke/temp</c>: the log, caches, credentials folders and anything else a run keeps (ignored by git).</summary>
    public AbsolutePath TemporaryDirectory => NukeDirectory / "temp";

    /// <summary><c>.nuke/parameters.json</c>, and the profiles beside it (<c>parameters.ci.json</c>).</summary>
    public AbsolutePath ParametersFile => NukeDirectory / "parameters.json";

    /// <summary><c>.nuke/build.schema.json</c>, generated: what editors check parameters.json against.</summary>
    public AbsolutePath SchemaFile => NukeDirectory / "build.schema.json";

    /// <summary>The folder of the build project.</summary>
    public AbsolutePath BuildDirectory { get; internal init; } = null!;

    /// <summary>The build project, which the scripts compile.</summary>
    public AbsolutePath BuildProject => BuildDirectory / "_build.csproj";

    /// <summary>The IDE profiles, one per target, generated.</summary>
    public AbsolutePath LaunchSettingsFile => BuildDirectory / "Properties" / "launchSettings.json";

    /// <summary>The script that starts the build on Linux and macOS, as a command from the root.</summary>
    public string UnixScript { get; internal init; } = "./build.sh";

    /// <summary>The script that starts the build on Windows, as a command from the root.</summary>
    public string WindowsScript { get; internal init; } = "./build.cmd";

    /// <summary>The marker folder's name.</summary>
    public const string MarkerDirectory = ".nuke";

    /// <summary>The layout of the repository at <paramref name="rootDirectory"/>, with its build in <c>build/</c>.</summary>
    internal static BuildLayout At(AbsolutePath rootDirectory) => new(rootDirectory) { BuildDirectory = rootDirectory / "build" };

    /// <summary>A path of the layout as the user sees it: relative to the root, with forward slashes.</summary>
    public string Show(AbsolutePath path) => path.RelativeTo(RootDirectory);
}
