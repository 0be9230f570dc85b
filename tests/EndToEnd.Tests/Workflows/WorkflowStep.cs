namespace EndToEnd.Tests.Workflows;

/// <summary>One step as the workflow writes it; expressions in it are evaluated when it runs.</summary>
public sealed record WorkflowStep(
    int Index,
    string? Id,
    string? Name,
    string? If,
    string? Uses,
    string? Run,
    OrderedMap With,
    OrderedMap Env,
    string? Shell,
    string? WorkingDirectory,
    string? ContinueOnError,
    string? TimeoutMinutes)
{
    /// <summary>The name the run's log shows: its name, else "Run" and the command's first line, else the action.</summary>
    public string DisplayName => Name ?? (Run is not null ? $"Run {Run.Split('\n')[0]}" : Uses is not null ? $"Run {Uses}" : $"Step {Index + 1}");

    internal static WorkflowStep From(int index, object? node, string where)
    {
        var map = WorkflowNodes.Map(node, where);
        WorkflowNodes.OnlyKeys(map, where, "id", "name", "if", "uses", "run", "with", "env", "shell", "working-directory", "continue-on-error", "timeout-minutes");
        var step = new WorkflowStep(index, WorkflowNodes.Text(map, "id"), WorkflowNodes.Text(map, "name"), WorkflowNodes.Text(map, "if"),
            WorkflowNodes.Text(map, "uses"), WorkflowNodes.Text(map, "run"), WorkflowNodes.Map(map.GetValueOrDefault("with"), $"{where}.with"),
            WorkflowNodes.Map(map.GetValueOrDefault("env"), $"{where}.env"), WorkflowNodes.Text(map, "shell"), WorkflowNodes.Text(map, "working-directory"),
            WorkflowNodes.Text(map, "continue-on-error"), WorkflowNodes.Text(map, "timeout-minutes"));
        if ((step.Uses is null) == (step.Run is null))
            throw new WorkflowException($"{where}: a step has either 'uses' or 'run', and this one has {(step.Uses is null ? "neither" : "both")}.");
        return step;
    }
}
