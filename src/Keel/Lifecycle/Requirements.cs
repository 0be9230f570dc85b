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
        var problems = new List<string>(session.Binding.Refused);
        foreach (var parameter in session.Parameters.Where(p => p.IsRequired))
        {
            if (IsEmpty(MemberAccess.Read(session.Build, parameter.Member)))
                problems.Add($"Parameter {parameter.Name} is required: {HowToPass(session, parameter)}.");
        }

        foreach (var step in session.Plan!.Running)
        {
            foreach (var requirement in step.Target.Requirements)
            {
                if (Problem(session, step.Name, requirement) is { } problem)
                    problems.Add(problem);
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

    /// <summary>What is wrong with one requirement, or null when it holds. Conditions are user code: one that throws is a problem of its own.</summary>
    private static string? Problem(BuildSession session, string target, Requirement requirement)
    {
        try
        {
            switch (requirement)
            {
                case ParameterRequirement needed when IsEmpty(needed.Read()):
                    var parameter = session.Parameters.FirstOrDefault(p => p.Member == needed.Member || p.Member.Name == needed.Member.Name);
                    return parameter is null
                        ? $"Target {target} requires {needed.Member.Name} to have a value."
                        : $"Target {target} requires parameter {parameter.Name}: {HowToPass(session, parameter)}.";
                case ConditionRequirement condition when !condition.Condition.Evaluate():
                    return condition.IsExplanation
                        ? $"Target {target} requires {condition.Condition.Text.TrimEnd('.')}."
                        : $"Target {target} requires '{condition.Condition.Text}', which is false.";
                default:
                    return null;
            }
        }
        catch (ParameterException e)
        {
            return e.WithSource(session.Binding.SourceOf(e.Parameter));
        }
        catch (BuildException e)
        {
            return $"Target {target}: {e.Message}";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"Target {target} could not check what it requires: {e.GetType().Name}: {e.Message}";
        }
    }

    private static string HowToPass(BuildSession session, ParameterDefinition parameter)
    {
        var file = session.Layout.Show(session.Layout.ParametersFile);
        return parameter.FromEnvironment
            ? $"pass {parameter.CommandLineName} <value>, set {parameter.EnvironmentName}, or add \"{parameter.Name}\" to {file}"
            : $"pass {parameter.CommandLineName} <value>, or add \"{parameter.Name}\" to {file}";
    }

    private static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string text => string.IsNullOrWhiteSpace(text),
        ICollection collection => collection.Count == 0,
        _ => false,
    };
}
