using Keel.Lifecycle;

namespace Keel.Extensions;

/// <summary>
/// Keeps <c>.nuke/build.schema.json</c> current on every run (written only when it changes) and gives
/// <c>.nuke/parameters.json</c> its <c>$schema</c> line when the file does not exist yet.
/// </summary>
internal sealed class SchemaExtension : IBuildExtension
{
    public int? OnBuildCreated(BuildSession session)
    {
        var schema = SchemaRenderer.Render(session.ListedTargets, session.Parameters);
        if (GeneratedFile.Write(session.NukeDirectory / "build.schema.json", schema))
            session.Log.Debug("Updated .nuke/build.schema.json");
        var parameters = session.NukeDirectory / "parameters.json";
        if (!parameters.FileExists())
            GeneratedFile.Write(parameters, "{\n  \"$schema\": \"./build.schema.json\"\n}\n");
        return null;
    }
}
