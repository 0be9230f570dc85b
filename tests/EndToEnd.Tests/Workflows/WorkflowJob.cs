namespace EndToEnd.Tests.Workflows;

/// <summary>One job as the workflow writes it; a matrix makes several runs of it.</summary>
public sealed record WorkflowJob(
    string Id,
    string? Name,
    object? RunsOn,
    IReadOnlyList<string> Needs,
    string? If,
    OrderedMap Env,
    OrderedMap Outputs,
    IReadOnlyList<WorkflowStep> Steps,
    object? Matrix,
    string? FailFast,
    string? MaxParallel,
    string? TimeoutMinutes,
    OrderedMap Permissions,
    string? ContinueOnError,
    string? WorkingDirectory,
    string? Shell)
{
    internal static WorkflowJob From(string id, object? node)
    {
        var where = $"jobs.{id}";
        var map = WorkflowNodes.Map(node, where);
        // concurrency is read and not run: the harness runs one workflow run at a time.
        WorkflowNodes.OnlyKeys(map, where, "name", "runs-on", "needs", "if", "env", "outputs", "steps", "strategy", "timeout-minutes",
            "permissions", "continue-on-error", "defaults", "concurrency");
        var strategy = WorkflowNodes.Map(map.GetValueOrDefault("strategy"), $"{where}.strategy");
        WorkflowNodes.OnlyKeys(strategy, $"{where}.strategy", "matrix", "fail-fast", "max-parallel");
        var defaults = WorkflowNodes.Map(WorkflowNodes.Map(map.GetValueOrDefault("defaults"), $"{where}.defaults").GetValueOrDefault("run"), $"{where}.defaults.run");
        WorkflowNodes.OnlyKeys(defaults, $"{where}.defaults.run", "shell", "working-directory");
        var steps = map.GetValueOrDefault("steps") as List<object?> ?? throw new WorkflowException($"{where}: a job needs 'steps' (a list).");
        if (!map.ContainsKey("runs-on"))
            throw new WorkflowException($"{where}: a job needs 'runs-on'.");
        return new WorkflowJob(id, WorkflowNodes.Text(map, "name"), map["runs-on"], WorkflowNodes.Texts(map.GetValueOrDefault("needs")),
            WorkflowNodes.Text(map, "if"), WorkflowNodes.Map(map.GetValueOrDefault("env"), $"{where}.env"),
            WorkflowNodes.Map(map.GetValueOrDefault("outputs"), $"{where}.outputs"),
            [.. steps.Select((step, index) => WorkflowStep.From(index, step, $"{where}.steps[{index}]"))],
            strategy.GetValueOrDefault("matrix"), WorkflowNodes.Text(strategy, "fail-fast"), WorkflowNodes.Text(strategy, "max-parallel"),
            WorkflowNodes.Text(map, "timeout-minutes"), PermissionsOf(map.GetValueOrDefault("permissions"), where), WorkflowNodes.Text(map, "continue-on-error"),
            WorkflowNodes.Text(defaults, "working-directory"), WorkflowNodes.Text(defaults, "shell"));
    }

    /// <summary>"permissions: read-all" and friends are kept as the one key they name.</summary>
    internal static OrderedMap PermissionsOf(object? node, string where) =>
        node is string all ? new OrderedMap([(all, all)]) : WorkflowNodes.Map(node, $"{where}.permissions");
}
