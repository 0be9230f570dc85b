using Keel.Tooling;
using Serilog;

namespace Keel;

/// <summary>The run's services as the build's targets see them; attached once, before any target is declared.</summary>
internal sealed record BuildContext(
    BuildLayout Layout,
    ILogger Log,
    IReadOnlyDictionary<string, string> Environment,
    ProcessRunner Processes,
    ToolResolver Tools,
    IncrementalWork Incremental);
