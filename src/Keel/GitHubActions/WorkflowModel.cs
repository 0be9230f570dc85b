namespace Keel.GitHubActions;

/// <summary>A workflow as data, before it is written as YAML: what tests look at, and what the writer renders.</summary>
internal sealed record WorkflowModel
{
    public required string Name { get; init; }
    public required YamlMap On { get; init; }
    public required IReadOnlyDictionary<string, string> Permissions { get; init; }
    public ConcurrencyModel? Concurrency { get; init; }
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public required IReadOnlyList<JobModel> Jobs { get; init; }

    /// <summary>Actions are referenced by full commit SHA, with the version in a comment.</summary>
    public bool PinActions { get; init; } = true;

    public string FileName => $"{Name}.yml";
}

/// <summary>The workflow's concurrency group, and whether a newer run cancels the one in progress (always, or for pull requests only).</summary>
internal sealed record ConcurrencyModel(string Group, bool CancelInProgress, bool PullRequestsOnly = false);

/// <summary>One job of a workflow.</summary>
internal sealed record JobModel
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string RunsOn { get; init; }
    public IReadOnlyList<string> Needs { get; init; } = [];
    public string? If { get; init; }
    public required IReadOnlyDictionary<string, string> Permissions { get; init; }
    public string? Environment { get; init; }
    public int TimeoutMinutes { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Matrix { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public IReadOnlyDictionary<string, string> Outputs { get; init; } = new Dictionary<string, string>();
    public required IReadOnlyList<StepModel> Steps { get; init; }

    /// <summary>The invoked targets this job runs, and the command line that runs them.</summary>
    public required IReadOnlyList<string> Targets { get; init; }
}

/// <summary>One step: an action (uses/with) or a command (run/env).</summary>
internal sealed record StepModel
{
    public string? Name { get; init; }
    public string? Id { get; init; }
    public string? If { get; init; }
    public PinnedAction? Action { get; init; }
    public string? Run { get; init; }
    public IReadOnlyDictionary<string, string> With { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
}
