using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Keel.Logging;

/// <summary>
/// Serilog's static <c>Log</c> for code ported from NUKE builds (<c>Log.Information(...)</c> in a static helper): it
/// writes to the logger of the build running in the current flow, with the same sinks and redaction as the build's
/// own <c>Log</c>. Two builds in one process (tests) each get their own events; outside a build it writes nothing.
/// </summary>
internal sealed class AmbientLog : ILogEventSink
{
    private static readonly AsyncLocal<ILogger?> CurrentLogger = new();
    private static readonly AmbientLog Sink = new();
    private static readonly Lock Gate = new();
    private static Logger? _router;

    /// <summary>Routes the static logger through the current build's; returns what undoes it for this flow.</summary>
    public static IDisposable Use(ILogger logger)
    {
        lock (Gate)
        {
            if (_router is null || !ReferenceEquals(Log.Logger, _router))
            {
                _router = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(Sink).CreateLogger();
                Log.Logger = _router;
            }
        }

        var previous = CurrentLogger.Value;
        CurrentLogger.Value = logger;
        return new Restore(previous);
    }

    public void Emit(LogEvent logEvent) => CurrentLogger.Value?.Write(logEvent);

    private sealed class Restore(ILogger? previous) : IDisposable
    {
        public void Dispose() => CurrentLogger.Value = previous;
    }
}
