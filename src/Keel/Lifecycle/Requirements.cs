using System.Collections;
using Keel.Parameters;

namespace Keel.Lifecycle;

/// <summary>
/// Checks [Required] parameters and every Requires(...) of the targets that will run, all before the first one
/// starts, and reports every unmet requirement, one line each.
/// </summary>
internal static class Requirements
{
    public static int? Check(BuildSession session)
    {
        var problems = new List<string>();
        foreach (var parameter in session.Parameters.Where(p => p.IsRequired))
        {
            if (IsEmpty(MemberAccess.Read(session.Build, parameter.Member)))
                problems.Add($"Parameter {parameter.Name} is required: {HowToPass(parameter)}.");
        }

        foreach (var step in session.Plan!.Running)
        {
            foreach (var requirement in step.Target.Requirements)
            {
                switch (requirement)
                {
                    case ParameterRequirement needed when IsEmpty(needed.Read()):
                        var parameter = session.Parameters.FirstOrDefault(p => p.Member == needed.Member || p.Member.Name == needed.Member.Name);
                        problems.Add(parameter is null
                            ? $"Target {step.Name} requires {needed.Member.Name} to have a value."
                            : $"Target {step.Name} requires parameter {parameter.Name}: {HowToPass(parameter)}.");
                        break;
                    case ConditionRequirement condition when !condition.Condition.Evaluate():
                        problems.Add(condition.IsExplanation
                            ? $"Target {step.Name} requires {condition.Condition.Text.TrimEnd('.')}."
                            : $"Target {step.Name} requires '{condition.Condition.Text}', which is false.");
                        break;
                }
            }
        }

        var distinct = problems.Distinct().ToList();
        foreach (var problem in distinct)
            session.Log.Error("{Problem}", problem);
        if (distinct.Count == 0)
            return null;
        session.Log.Error("Nothing was run: {Count} requirement(s) not met.", distinct.Count);
        return 1;
    }

    private static string HowToPass(ParameterDefinition parameter) =>
        parameter.FromEnvironment
            ? $"pass {parameter.CommandLineName} <value>, set {parameter.EnvironmentName}, or add \"{parameter.Name}\" to .nuke/parameters.json"
            : $"pass {parameter.CommandLineName} <value>, or add \"{parameter.Name}\" to .nuke/parameters.json";

    private static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string text => string.IsNullOrWhiteSpace(text),
        ICollection collection => collection.Count == 0,
        _ => false,
    };
}
