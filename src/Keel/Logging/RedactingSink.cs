using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Keel.Logging;

/// <summary>
/// Renders each event once, masks every secret in the message and the exception, and hands the plain text on to
/// the real sinks, so no sink can ever see a secret.
/// </summary>
internal sealed class RedactingSink(Redactor redactor, params ILogEventSink[] initial) : ILogEventSink
{
    private ILogEventSink[] _sinks = initial;

    /// <summary>Adds a sink behind the redaction (a CI host's annotations, for instance).</summary>
    public void Add(ILogEventSink sink) => _sinks = [.. _sinks, sink];

    public void Emit(LogEvent logEvent)
    {
        var sinks = _sinks;
        var text = redactor.Redact(Render(logEvent));
        var exception = logEvent.Exception is null ? null : new RedactedException(logEvent.Exception, redactor);
        var redacted = new LogEvent(logEvent.Timestamp, logEvent.Level, exception, new MessageTemplate([new TextToken(text)]), []);
        foreach (var sink in sinks)
            sink.Emit(redacted);
    }

    /// <summary>Like Serilog's rendering, but strings are written as they are, without quotes.</summary>
    private static string Render(LogEvent logEvent)
    {
        var builder = new StringBuilder();
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            switch (token)
            {
                case TextToken text:
                    builder.Append(text.Text);
                    break;
                case PropertyToken property when logEvent.Properties.TryGetValue(property.PropertyName, out var value):
                    builder.Append(value is ScalarValue { Value: string s } ? s : value.ToString(property.Format, null));
                    break;
                case PropertyToken property:
                    builder.Append(property.ToString());
                    break;
            }
        }

        return builder.ToString();
    }

    private sealed class RedactedException(Exception inner, Redactor redactor) : Exception(redactor.Redact(inner.Message))
    {
        private readonly string _text = redactor.Redact(inner.ToString());

        public override string? StackTrace => null;

        public override string ToString() => _text;
    }
}
