using Keel.Tooling;

namespace Keel.Components;

/// <summary>
/// Publish: <c>dotnet publish</c> of one project into <see cref="PublishDirectory"/> (.nuke/temp/publish unless the
/// build says otherwise); up to date while the project's sources, the commands and the folder stay as they were.
/// Change it through <see cref="PublishSettings"/>.
/// </summary>
public interface IPublish : ICompile
{
    /// <summary>The project to publish.</summary>
    AbsolutePath PublishProject { get; }

    AbsolutePath PublishDirectory => TemporaryDirectory / "publish";

    Configure<DotNetPublishSettings> PublishSettings => settings => settings;

    Target Publish => _ => _
        .Description("Publishes the app into its publish folder.")
        .DependsOn(Compile)
        .Inputs(() => IncrementalInputs.Sources(this, PublishProject))
        .InputValue("command", () => IncrementalInputs.Command(PublishCommand(this)))
        .InputValue("compile", () => IncrementalInputs.CompileCommand(this))
        .InputValue("sdk", () => DotNet.SdkVersion)
        .Outputs(() => [PublishDirectory.RelativeTo(RootDirectory)])
        .Executes(() => DotNet.Publish(_ => PublishCommand(this)));

    private static DotNetPublishSettings PublishCommand(IPublish build) => build.PublishSettings(new DotNetPublishSettings()
        .SetProject(build.PublishProject)
        .SetConfiguration(build.Configuration)
        .EnableNoRestore()
        .EnableNoBuild()
        .SetOutput(build.PublishDirectory));
}
