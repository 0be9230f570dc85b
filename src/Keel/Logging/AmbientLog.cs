using System.Diagnostics.CodeAnalysis;
using Serilog;
using Serilog.Events;

namespace Keel.Logging;

/// <summary>
/// Serilog's static <c>Log</c> for code ported from NUKE builds (<c>Log.Information(...)</c> in a static helper): it
/// writes to the logger of the build running in the current flow, with the same sinks and redaction as the build's
/// own <c>Log</c>. Two builds in one process (tests) each get their own events; outside a build it writes nothing.
/// </summary>
internal sealed class AmbientLog : ILogger
{
    private static readonly AsyncLocal<ILogger?> CurrentLogger = new();
    private static readonly AmbientLog Router = new();
    private static readonly Lock Gate = new();

    /// <summary>Routes the static logger through the current build's; returns what undoes it for this flow.</summary>
    public static IDisposable Use(ILogger logger)
    {
        lock (Gate)
        {
            if (!ReferenceEquals(Log.Logger, Router))
                Log.Logger = Router;
        }

        var previous = CurrentLogger.Value;
        CurrentLogger.Value = logger;
        return new Restore(previous);
    }

    // The static Log's calls land here; the current build's logger filters, binds and writes them, so they read
    // exactly as the build's own. Serilog's defaults for the rest (ForContext, the Write overloads) come back here.
    public void Write(LogEvent logEvent) => CurrentLogger.Value?.Write(logEvent);

    public bool IsEnabled(LogEventLevel level) => CurrentLogger.Value?.IsEnabled(level) ?? false;

    public bool BindMessageTemplate(string messageTemplate, object?[]? propertyValues,
        [NotNullWhen(true)] out MessageTemplate? parsedTemplate, [NotNullWhen(true)] out IEnumerable<LogEventProperty>? boundProperties)
    {
        if (CurrentLogger.Value is { } logger)
            return logger.BindMessageTemplate(messageTemplate, propertyValues, out parsedTemplate, out boundProperties);
        parsedTemplate = null;
        boundProperties = null;
        return false;
    }

    public bool BindProperty(string? propertyName, object? value, bool destructureObjects, [NotNullWhen(true)] out LogEventProperty? property)
    {
        if (CurrentLogger.Value is { } logger)
            return logger.BindProperty(propertyName, value, destructureObjects, out property);
        property = null;
        return false;
    }

    private sealed class Restore(ILogger? previous) : IDisposable
    {
        public void Dispose() => CurrentLogger.Value = previous;
    }
}
