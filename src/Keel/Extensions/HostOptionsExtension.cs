using Keel.Lifecycle;

namespace Keel.Extensions;

/// <summary>Options the host reads before the build exists: where the root is, and NUKE's --no-logo (Keel prints no logo).</summary>
internal sealed class HostOptionsExtension : IBuildExtension
{
    public IEnumerable<ExtensionOption> Options =>
    [
        new("root", "<folder>", "Use this folder as the repository's root instead of the nearest one holding .nuke/ above the working directory."),
        new("no-logo", "", "Accepted for NUKE's scripts; Keel prints no logo."),
    ];
}
