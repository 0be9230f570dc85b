using Keel.Tooling;

namespace Keel.Components;

/// <summary>
/// Publish: <c>dotnet publish</c> of one project into <see cref="PublishDirectory"/> (.nuke/temp/publish unless the
/// build says otherwise), or, when the build names <see cref="PublishRuntimes"/>, once per runtime identifier into a
/// folder of that name below it (publish/linux-arm64), framework-dependent; up to date while the project's sources,
/// the commands and the folder stay as they were. Change it through <see cref="PublishSettings"/>.
/// </summary>
public interface IPublish : ICompile
{
    /// <summary>The project to publish.</summary>
    AbsolutePath PublishProject { get; }

    AbsolutePath PublishDirectory => TemporaryDirectory / "publish";

    /// <summary>
    /// Runtime identifiers to publish for (linux-x64, linux-arm64), each into <see cref="PublishDirectory"/>/rid with the
    /// app's own executable for that processor; none: one portable publish into <see cref="PublishDirectory"/>.
    /// </summary>
    IReadOnlyList<string> PublishRuntimes => [];

    Configure<DotNetPublishSettings> PublishSettings => settings => settings;

    Target Publish => _ => _
        .Description("Publishes the app into its publish folder.")
        .DependsOn(Compile)
        .Inputs(() => IncrementalInputs.Sources(this, PublishProject))
        .InputValue("command", () => (string[])[.. PublishCommands(this).Select(IncrementalInputs.Command)])
        .InputValue("compile", () => IncrementalInputs.CompileCommand(this))
        .InputValue("sdk", () => DotNet.SdkVersion)
        .Outputs(() => [PublishDirectory.RelativeTo(RootDirectory)])
        .Executes(() =>
        {
            foreach (var command in PublishCommands(this))
                DotNet.Publish(_ => command);
        });

    private static IEnumerable<DotNetPublishSettings> PublishCommands(IPublish build)
    {
        if (build.PublishRuntimes.Count == 0)
        {
            yield return build.PublishSettings(Common(build).EnableNoRestore().EnableNoBuild().SetOutput(build.PublishDirectory));
            yield break;
        }

        // A runtime's publish builds for that runtime (Compile built the portable app only), with the properties Compile
        // stamps, such as the version. Restore restored the project for every runtime: a restore here would rewrite its
        // assets file, and every later run would find Restore's outputs changed.
        var compiled = build.CompileSettings(new DotNetBuildSettings()).Properties;
        foreach (var runtime in build.PublishRuntimes)
        {
            yield return build.PublishSettings((Common(build) with { Properties = compiled }).EnableNoRestore()
                with { Runtime = runtime, SelfContained = false, Output = build.PublishDirectory / runtime });
        }
    }

    private static DotNetPublishSettings Common(IPublish build) => new DotNetPublishSettings()
        .SetProject(build.PublishProject)
        .SetConfiguration(build.Configuration);
}
