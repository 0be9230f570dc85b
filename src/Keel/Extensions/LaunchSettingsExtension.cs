using Keel.Lifecycle;

namespace Keel.Extensions;

/// <summary>Keeps the build project's IDE launch profiles in step with its targets.</summary>
internal sealed class LaunchSettingsExtension : IBuildExtension
{
    public int Order => ExtensionOrder.Generators;

    public int? OnBuildCreated(BuildSession session)
    {
        var buildProject = session.Layout.BuildDirectory;
        if (!buildProject.DirectoryExists() || !Directory.EnumerateFiles(buildProject, "*.csproj").Any())
            return null;
        var file = session.Layout.LaunchSettingsFile;
        if (GenerationStamp.IsCurrent(session, "launch-settings"))
            return null;
        if (GeneratedFile.Write(file, LaunchSettingsRenderer.Render(session.ListedTargets)))
            session.Log.Debug("Updated {File}", session.Layout.Show(file));
        GenerationStamp.Save(session, "launch-settings", [file]);
        return null;
    }
}
