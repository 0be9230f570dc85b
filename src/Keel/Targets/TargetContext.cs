using Keel.Tooling;
using Serilog;

namespace Keel;

/// <summary>
/// What one target's action runs with, handed to it: <c>.Executes(context =&gt; ...)</c>. An action that takes it shows
/// what it depends on; the NUKE-style <c>.Executes(() =&gt; ...)</c> reaches the same through the build's properties.
/// </summary>
public sealed class TargetContext
{
    internal TargetContext(string name, CancellationToken cancellationToken, ILogger log, ProcessRunner processes, IncrementalWork incremental)
    {
        Name = name;
        CancellationToken = cancellationToken;
        Log = log;
        Processes = processes;
        Incremental = incremental;
    }

    /// <summary>The target's name.</summary>
    public string Name { get; }

    /// <summary>
    /// Ctrl-C of the build; none for a target assured to run after a failure once the build was cancelled, so its
    /// cleanup is not cut short.
    /// </summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The build's log.</summary>
    public ILogger Log { get; }

    /// <summary>Starts processes under <see cref="CancellationToken"/>.</summary>
    public ProcessRunner Processes { get; }

    /// <summary>Up-to-date checks for the parts of this target, recorded under its name.</summary>
    public IncrementalWork Incremental { get; }
}
