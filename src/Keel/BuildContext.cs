using Keel.Execution;
using Keel.Tooling;
using Serilog;

namespace Keel;

/// <summary>The run's services as the build's targets see them; attached once, before any target is declared.</summary>
/// <param name="Targets">The context of the target running now, whose runner and up-to-date work the build's properties give.</param>
internal sealed record BuildContext(
    BuildLayout Layout,
    ILogger Log,
    IReadOnlyDictionary<string, string> Environment,
    ToolResolver Tools,
    TargetContexts Targets);
