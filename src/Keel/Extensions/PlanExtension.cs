using Keel.Execution;
using Keel.Lifecycle;

namespace Keel.Extensions;

/// <summary><c>--plan</c>: prints the ordered plan, writes its Mermaid graph under .nuke/temp and stops.</summary>
internal sealed class PlanExtension : IBuildExtension
{
    public int Order => ExtensionOrder.EarlyExits;

    public IEnumerable<ExtensionOption> Options => [new("plan", "", "Print the plan and write its graph to .nuke/temp/plan.md, then stop.")];

    public int? OnBuildInitialized(BuildSession session)
    {
        if (!session.Invocation.Has("plan"))
            return null;
        var file = session.TemporaryDirectory / "plan.md";
        GeneratedFile.Write(file, $"# Build plan\n\n```mermaid\n{PlanRenderer.Mermaid(session.Plan!)}```\n");
        var verdicts = Predict(session);
        session.Logger.WriteText(PlanRenderer.Text(session.Plan!, step => verdicts.TryGetValue(step.Name, out var v) ? v : null, Notes) + $"Graph: {file.RelativeTo(session.RootDirectory)}\n");
        return 0;
    }

    /// <summary>A target's plan notes as lines; a note that cannot be made says why, instead of ending the plan.</summary>
    private static IReadOnlyList<string> Notes(PlannedTarget step) => [.. step.Target.PlanNotes.SelectMany(note =>
    {
        try
        {
            return (note() ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return [$"(no note: {e.Message.TrimEnd('.')})"];
        }
    })];

    /// <summary>What the up-to-date checks would say, target by target in plan order, if every target that would run succeeded.</summary>
    private static Dictionary<string, (bool, string)> Predict(BuildSession session)
    {
        var runs = session.Plan!.Steps.Select(step => new TargetRun(step)).ToDictionary(run => run.Name, StringComparer.OrdinalIgnoreCase);
        var verdicts = new Dictionary<string, (bool, string)>(StringComparer.OrdinalIgnoreCase);
        foreach (var run in session.Plan.Steps.Select(step => runs[step.Name]))
        {
            if (run.Step.SkipReason is not null)
            {
                run.Status = TargetStatus.Skipped;
                continue;
            }

            if (run.Target.IsIncremental)
            {
                (bool UpToDate, string Reason) verdict;
                try
                {
                    var check = session.UpToDate.Check(run, name => runs.GetValueOrDefault(name), predicting: true);
                    verdict = (check.UpToDate, check.Reason);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    verdict = (false, $"its inputs cannot be read yet ({e.Message.TrimEnd('.')})");
                }

                verdicts[run.Name] = verdict;
                run.Status = verdict.UpToDate ? TargetStatus.UpToDate : TargetStatus.Succeeded;
            }
            else
            {
                run.Status = run.Target.Actions.Count == 0 ? TargetStatus.Collective : TargetStatus.Succeeded;
            }
        }

        return verdicts;
    }
}
