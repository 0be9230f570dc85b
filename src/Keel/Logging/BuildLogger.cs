using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Keel.Logging;

/// <summary>The run's Serilog logger: the console at the chosen verbosity, the file log with everything, both redacted.</summary>
internal sealed class BuildLogger : IDisposable
{
    private readonly LoggingLevelSwitch _console = new(LogEventLevel.Information);
    private readonly Logger? _file;
    private readonly BuildConsole _terminal;
    private readonly Redactor _redactor;
    private readonly RedactingSink _sinks;
    private readonly string? _logFile;

    public BuildLogger(BuildConsole console, Redactor redactor, string? logFile)
    {
        _terminal = console;
        _redactor = redactor;
        _logFile = logFile;
        if (logFile is not null)
            _file = FileLogger(logFile);

        ILogEventSink[] sinks = _file is null ? [new TerminalSink(console, _console)] : [new TerminalSink(console, _console), _file];
        _sinks = new RedactingSink(redactor, sinks);
        _logger = new DeferredLogger(() => new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.Sink(_sinks)
            .CreateLogger());
    }

    private readonly DeferredLogger _logger;

    public ILogger Logger => _logger;

    // A method of its own: a run without a log file (--help) never loads the file sink's assembly.
    private static Logger FileLogger(string logFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        File.Delete(logFile);
        return new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.File(logFile, outputTemplate: "{Timestamp:HH:mm:ss.fff} [{Level:u3}] {Message:l}{NewLine}{Exception}")
            .CreateLogger();
    }

    /// <summary>The console, for hosts that speak to their runner through it (workflow commands).</summary>
    public BuildConsole Console => _terminal;

    /// <summary>Adds a sink that sees every event after redaction.</summary>
    public void AddSink(ILogEventSink sink) => _sinks.Add(sink);

    /// <summary>
    /// Text for the reader rather than a log event (help, plan, summary): shown at every verbosity, copied into
    /// the file log, redacted like everything else.
    /// </summary>
    public void WriteText(string text)
    {
        var redacted = _redactor.Redact(text);
        _terminal.Out.Write(redacted);
        _terminal.Out.Flush();
        _file?.Information("{Text}", redacted.TrimEnd());
    }

    public Verbosity Verbosity
    {
        set => _console.MinimumLevel = value switch
        {
            Verbosity.Quiet => LogEventLevel.Error,
            Verbosity.Minimal => LogEventLevel.Warning,
            Verbosity.Verbose => LogEventLevel.Verbose,
            _ => LogEventLevel.Information,
        };
    }

    public void Dispose()
    {
        _logger.Dispose();
        try
        {
            _file?.Dispose();
        }
        catch (IOException e)
        {
            // The disk under build.log filled up during the run: one line, not a stack trace, says what is missing.
            _terminal.Out.WriteLine($"{_logFile} is incomplete ({TemporaryFolderError.Reason(e)}): {TemporaryFolderError.Fix(e)} before the next run.");
            _terminal.Out.Flush();
        }
    }
}
