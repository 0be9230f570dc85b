using Keel.Lifecycle;

namespace Keel.Extensions;

/// <summary>
/// Keeps <c>.nuke/build.schema.json</c> current on every run (written only when it changes) and gives
/// <c>.nuke/parameters.json</c> its <c>$schema</c> line when the file does not exist yet.
/// </summary>
internal sealed class SchemaExtension : IBuildExtension
{
    public int Order => ExtensionOrder.Generators;

    public int? OnBuildCreated(BuildSession session)
    {
        var schemaFile = session.NukeDirectory / "build.schema.json";
        var parameters = session.NukeDirectory / "parameters.json";
        if (GenerationStamp.IsCurrent(session, "schema", [schemaFile, parameters]))
            return null;

        if (GeneratedFile.Write(schemaFile, SchemaRenderer.Render(session.ListedTargets, session.Parameters)))
            session.Log.Debug("Updated .nuke/build.schema.json");
        if (!parameters.FileExists())
            GeneratedFile.Write(parameters, "{\n  \"$schema\": \"./build.schema.json\"\n}\n");
        GenerationStamp.Save(session, "schema", [schemaFile, parameters]);
        return null;
    }
}
