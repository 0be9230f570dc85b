using Keel.Lifecycle;

namespace Keel.Extensions;

/// <summary><c>--plan</c>: prints the ordered plan, writes its Mermaid graph under .nuke/temp and stops.</summary>
internal sealed class PlanExtension : IBuildExtension
{
    public int Order => ExtensionOrder.EarlyExits;

    public IEnumerable<ExtensionOption> Options => [new("plan", "", "Print the plan and write its graph to .nuke/temp/plan.md, then stop.")];

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
