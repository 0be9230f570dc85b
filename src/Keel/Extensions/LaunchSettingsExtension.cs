using Keel.Lifecycle;

namespace Keel.Extensions;

/// <summary>Keeps the build project's IDE launch profiles in step with its targets.</summary>
internal sealed class LaunchSettingsExtension : IBuildExtension
{
    public int? OnBuildCreated(BuildSession session)
    {
        var buildProject = session.RootDirectory / "build";
        if (!buildProject.DirectoryExists() || !Directory.EnumerateFiles(buildProject, "*.csproj").Any())
            return null;
        if (GeneratedFile.Write(buildProject / "Properties" / "launchSettings.json", LaunchSettingsRenderer.Render(session.ListedTargets)))
            session.Log.Debug("Updated build/Properties/launchSettings.json");
        return null;
    }
}
