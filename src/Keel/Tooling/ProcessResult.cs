namespace Keel.Tooling;

/// <summary>How a process ended and everything it wrote, in order.</summary>
public sealed record ProcessResult(int ExitCode, IReadOnlyList<OutputLine> Output)
{
    public string StandardOutput => string.Join('\n', Output.Where(l => !l.IsError).Select(l => l.Text));

    public string StandardError => string.Join('\n', Output.Where(l => l.IsError).Select(l => l.Text));
}
