namespace EndToEnd.Tests.Workflows;

/// <summary>
/// What an expression can see where it is evaluated: the contexts by name (github, env, matrix, steps, needs, ...), the
/// status the status functions answer from, and the folder hashFiles reads.
/// </summary>
/// <param name="Status">success, failure, cancelled or skipped (a need that did not run): the job's so far, or its needs'.</param>
public sealed record ExpressionScope(IReadOnlyDictionary<string, object?> Contexts, string Status = "success", string? Workspace = null);
