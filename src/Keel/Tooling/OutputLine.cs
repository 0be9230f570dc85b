namespace Keel.Tooling;

/// <summary>One line a process wrote, and whether it came on standard error.</summary>
public sealed record OutputLine(string Text, bool IsError);
