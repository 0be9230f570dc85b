using System.Text;

namespace Keel.Logging;

/// <summary>
/// The process's own terminal, which can go away mid-build (its window closed, an ssh connection dropped): from then
/// on every write fails (EIO). The first failure ends writing to it, and the build goes on to its cleanup, its
/// summary and its file log, which nobody would see on that terminal anyway.
/// </summary>
internal sealed class TerminalWriter(TextWriter terminal) : TextWriter
{
    private volatile bool _gone;

    public override Encoding Encoding => terminal.Encoding;

    public override void Write(char value) => Try(() => terminal.Write(value));

    public override void Write(string? value) => Try(() => terminal.Write(value));

    public override void Write(char[] buffer, int index, int count) => Try(() => terminal.Write(buffer, index, count));

    public override void WriteLine(string? value) => Try(() => terminal.WriteLine(value));

    public override void Flush() => Try(terminal.Flush);

    private void Try(Action write)
    {
        if (_gone)
            return;
        try
        {
            write();
        }
        catch (IOException)
        {
            _gone = true;
        }
    }
}
