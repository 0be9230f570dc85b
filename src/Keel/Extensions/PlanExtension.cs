using Keel.Lifecycle;

namespace Keel.Extensions;

/// <summary><c>--plan</c>: prints the ordered plan, writes its Mermaid graph under .nuke/temp and stops.</summary>
internal sealed class PlanExtension : IBuildExtension
{
    public IEnumerable<string> Options => ["plan"];

    public int? OnBuildInitialized(BuildSession session)
    {
        if (!session.Invocation.Has("plan"))
            return null;
        var file = session.TemporaryDirectory / "plan.md";
        GeneratedFile.Write(file, $"# Build plan\n\n```mermaid\n{PlanRenderer.Mermaid(session.Plan!)}```\n");
        session.Logger.WriteText(PlanRenderer.Text(session.Plan!) + $"Graph: {file.RelativeTo(session.RootDirectory)}\n");
        return 0;
    }
}
