using Serilog.Core;
using Serilog.Events;

namespace Keel.Logging;

/// <summary>Readable console output: a dim time, a short level for warnings and errors, colours on a terminal.</summary>
internal sealed class TerminalSink(BuildConsole console, LoggingLevelSwitch level) : ILogEventSink
{
    private const string Reset = "\u001b[0m", Dim = "\u001b[90m", Yellow = "\u001b[33m", Red = "\u001b[31m", Cyan = "\u001b[36m";
    /// <summary>Messages that start with this mark are headings (a target's block) and stand out in colour.</summary>
    public const string HeadingMark = "── ";

    private readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Level < level.MinimumLevel)
            return;
        var (tag, color) = logEvent.Level switch
        {
            LogEventLevel.Fatal or LogEventLevel.Error => ("ERR ", Red),
            LogEventLevel.Warning => ("WRN ", Yellow),
            LogEventLevel.Debug or LogEventLevel.Verbose => ("", Dim),
            _ => ("", logEvent.MessageTemplate.Text.StartsWith(HeadingMark, StringComparison.Ordinal) ? Cyan : ""),
        };
        var message = logEvent.MessageTemplate.Text;
        var time = logEvent.Timestamp.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var showException = logEvent.Exception is not null && level.MinimumLevel <= LogEventLevel.Debug;
        lock (_gate)
        {
            if (console.Color)
                console.Out.WriteLine($"{Dim}{time}{Reset} {color}{tag}{message}{Reset}");
            else
                console.Out.WriteLine($"{time} {tag}{message}");
            if (showException)
                console.Out.WriteLine(logEvent.Exception!.ToString());
        }
    }
}
