namespace Keel.Tooling;

/// <summary>A process outlived its time limit and was stopped: a hanging tool or server, worth another try.</summary>
public sealed class ProcessTimeoutException(string message) : BuildException(message);
