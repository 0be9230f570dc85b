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
        var schemaFile = session.Layout.SchemaFile;
        var parameters = session.Layout.ParametersFile;
        if (GenerationStamp.IsCurrent(session, "schema"))
            return null;

        if (GeneratedFile.Write(schemaFile, SchemaRenderer.Render(session.ListedTargets, session.Parameters)))
            session.Log.Debug("Updated {File}", session.Layout.Show(schemaFile));
        if (!parameters.FileExists())
            GeneratedFile.Write(parameters, "{\n  \"$schema\": \"./build.schema.json\"\n}\n");
        GenerationStamp.Save(session, "schema", [schemaFile, parameters]);
        return null;
    }
}
