using Keel.Tooling;

namespace Keel.Components;

/// <summary>Publish: <c>dotnet publish</c> of one project into <see cref="PublishDirectory"/> (.nuke/temp/publish unless the build says otherwise). Change it through <see cref="PublishSettings"/>.</summary>
public interface IPublish : ICompile
{
    /// <summary>The project to publish.</summary>
    AbsolutePath PublishProject { get; }

    AbsolutePath PublishDirectory => TemporaryDirectory / "publish";

    Configure<DotNetPublishSettings> PublishSettings => settings => settings;

    Target Publish => _ => _
        .Description("Publishes the app into its publish folder.")
        .DependsOn(Compile)
        .Executes(() => DotNet.Publish(s => PublishSettings(s
            .SetProject(PublishProject)
            .SetConfiguration(Configuration)
            .EnableNoRestore()
            .EnableNoBuild()
            .SetOutput(PublishDirectory))));
}
