namespace Keel;

/// <summary>
/// A failure the user can fix: its message is one line saying what was wrong, where it came from and how to
/// fix it, and it is shown without a stack trace.
/// </summary>
public class BuildException(string message, Exception? inner = null) : Exception(message, inner);
