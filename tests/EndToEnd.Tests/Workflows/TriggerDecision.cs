namespace EndToEnd.Tests.Workflows;

/// <summary>Whether an event starts a workflow, and why (or why not), in words a test can show.</summary>
public sealed record TriggerDecision(bool Triggers, string Reason);
