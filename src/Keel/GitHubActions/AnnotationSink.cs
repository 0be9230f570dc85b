using Keel.Logging;
using Serilog.Core;
using Serilog.Events;

namespace Keel.GitHubActions;

/// <summary>Turns warnings and errors into GitHub annotations (after redaction, like every other sink).</summary>
internal sealed class AnnotationSink(BuildConsole console) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        var text = logEvent.MessageTemplate.Text;
        var line = logEvent.Level switch
        {
            >= LogEventLevel.Error => WorkflowCommands.Error(text),
            LogEventLevel.Warning => WorkflowCommands.Warning(text),
            _ => null,
        };
        if (line is not null)
        {
            lock (console.Out)
                console.Out.WriteLine(line);
        }
    }
}
