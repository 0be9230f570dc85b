namespace Keel.Tooling;

/// <summary>A tool exited with a non-zero code; the message is one line, already redacted.</summary>
public sealed class ProcessFailedException(string message, int exitCode, ProcessResult result) : BuildException(message)
{
    public int ExitCode { get; } = exitCode;

    public ProcessResult Result { get; } = result;
}
