namespace EndToEnd.Tests.Workflows;

/// <summary>A workflow the harness cannot run as written (bad YAML shape, or a feature it does not run), in one line.</summary>
public sealed class WorkflowException(string message) : Exception(message);
