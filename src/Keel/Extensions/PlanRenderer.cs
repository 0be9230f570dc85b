using System.Text;
using Keel.Execution;

namespace Keel.Extensions;

/// <summary>The plan as text for the console and as a Mermaid graph (solid: needs, dotted: order, thick: trigger).</summary>
internal static class PlanRenderer
{
    /// <param name="plan">The plan.</param>
    /// <param name="upToDate">For a target that declares inputs: whether it would be up to date, and why it would or would not.</param>
    /// <param name="notes">For a target that would run: the lines of its plan notes, printed under it.</param>
    public static string Text(ExecutionPlan plan, Func<PlannedTarget, (bool UpToDate, string Reason)?>? upToDate = null, Func<PlannedTarget, IReadOnlyList<string>>? notes = null)
    {
        var text = new StringBuilder("Plan:\n");
        var number = 0;
        foreach (var step in plan.Steps)
        {
            number++;
            var verdict = step.SkipReason is null ? upToDate?.Invoke(step) : null;
            var note = step.SkipReason is not null ? $" (skipped: {step.SkipReason})"
                : verdict is { UpToDate: true } ? $" (up to date: {verdict.Value.Reason})"
                : string.Join("", new[] { step.Invoked ? " (invoked)" : "", verdict is { } runs ? $" (runs: {runs.Reason})" : "" });
            text.Append($"  {number}. {step.Name}{note}\n");
            if (step.SkipReason is null && verdict is not { UpToDate: true })
            {
                foreach (var line in notes?.Invoke(step) ?? [])
                    text.Append($"       {line}\n");
            }
        }

        return text.ToString();
    }

    public static string Mermaid(ExecutionPlan plan)
    {
        var planned = plan.Steps.Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var text = new StringBuilder("graph TD\n");
        foreach (var step in plan.Steps)
        {
            var style = step.SkipReason is null ? "" : ":::skipped";
            text.Append($"  {step.Name}[\"{step.Name}\"]{style}\n");
        }

        var edges = new List<string>();
        foreach (var step in plan.Steps)
        {
            var target = step.Target;
            foreach (var need in target.DependsOn.Where(planned.Contains))
                edges.Add($"  {need} --> {step.Name}");
            foreach (var dependent in target.DependentFor.Where(planned.Contains))
                edges.Add($"  {step.Name} --> {dependent}");
            foreach (var later in target.Before.Where(planned.Contains))
                edges.Add($"  {step.Name} -.-> {later}");
            foreach (var earlier in target.After.Where(planned.Contains))
                edges.Add($"  {earlier} -.-> {step.Name}");
            foreach (var triggered in target.Triggers.Where(planned.Contains))
                edges.Add($"  {step.Name} ==> {triggered}");
            foreach (var trigger in target.TriggeredBy.Where(planned.Contains))
                edges.Add($"  {trigger} ==> {step.Name}");
        }

        foreach (var edge in edges.Distinct())
            text.Append(edge).Append('\n');
        text.Append("  classDef skipped stroke-dasharray: 4 4,color:#888\n");
        return text.ToString();
    }
}
