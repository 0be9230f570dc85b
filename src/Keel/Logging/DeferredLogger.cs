using System.Diagnostics.CodeAnalysis;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Keel.Logging;

/// <summary>
/// A Serilog logger made when the first event is logged. Making one loads and initializes much of Serilog, which a
/// run that logs nothing (<c>--help</c>) would pay on every start; the run's events are the same either way.
/// </summary>
internal sealed class DeferredLogger(Func<Logger> create) : ILogger, IDisposable
{
    private readonly Lazy<Logger> _logger = new(create, LazyThreadSafetyMode.ExecutionAndPublication);

    private Logger Logger => _logger.Value;

    public void Write(LogEvent logEvent) => Logger.Write(logEvent);

    public bool IsEnabled(LogEventLevel level) => Logger.IsEnabled(level);

    public bool BindMessageTemplate(string messageTemplate, object?[]? propertyValues,
        [NotNullWhen(true)] out MessageTemplate? parsedTemplate, [NotNullWhen(true)] out IEnumerable<LogEventProperty>? boundProperties) =>
        Logger.BindMessageTemplate(messageTemplate, propertyValues, out parsedTemplate, out boundProperties);

    public bool BindProperty(string? propertyName, object? value, bool destructureObjects, [NotNullWhen(true)] out LogEventProperty? property) =>
        Logger.BindProperty(propertyName, value, destructureObjects, out property);

    public ILogger ForContext(ILogEventEnricher enricher) => Logger.ForContext(enricher);

    public ILogger ForContext(IEnumerable<ILogEventEnricher> enrichers) => Logger.ForContext(enrichers);

    public ILogger ForContext(string propertyName, object? value, bool destructureObjects = false) => Logger.ForContext(propertyName, value, destructureObjects);

    public ILogger ForContext<TSource>() => Logger.ForContext<TSource>();

    public ILogger ForContext(Type source) => Logger.ForContext(source);

    public void Dispose()
    {
        if (_logger.IsValueCreated)
            _logger.Value.Dispose();
    }
}
