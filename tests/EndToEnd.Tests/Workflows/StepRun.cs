namespace EndToEnd.Tests.Workflows;

/// <summary>
/// One step as it ran: outcome (before continue-on-error) and conclusion (after) are success, failure or skipped; its
/// outputs from $GITHUB_OUTPUT (or the local action's); its log with secrets masked.
/// </summary>
/// <param name="LinesWithSecrets">Lines of its output that held a secret or a masked value and were masked: a leak GitHub would hide.</param>
public sealed record StepRun(string? Id, string Name, string Outcome, string Conclusion, IReadOnlyDictionary<string, string> Outputs, string Log, int LinesWithSecrets);
