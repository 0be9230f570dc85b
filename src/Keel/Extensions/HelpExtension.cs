using Keel.Lifecycle;

namespace Keel.Extensions;

/// <summary><c>--help</c>: prints targets and parameters and ends the build before anything is bound or run.</summary>
internal sealed class HelpExtension : IBuildExtension
{
    public int Order => ExtensionOrder.EarlyExits;

    public int? OnBuildCreated(BuildSession session)
    {
        if (!session.Invocation.IsHelp)
            return null;
        session.Logger.WriteText(HelpRenderer.Render(session.ListedTargets, session.Parameters, session.ExtensionOptions, session.Layout.UnixScript));
        return 0;
    }
}
