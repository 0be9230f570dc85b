namespace EndToEnd.Tests.Workflows;

/// <summary>
/// Whether an event starts a workflow, as GitHub decides from its on: section: the event must be listed, and its
/// filters pass. push: branches/branches-ignore for a branch, tags/tags-ignore for a tag; a push with only branch
/// filters ignores tags and the other way round. pull_request and pull_request_target: branches filters on the base
/// branch, and types (opened, synchronize, reopened unless listed). Path filters are not run (there is no diff here)
/// and are refused.
/// </summary>
public static class WorkflowTriggers
{
    private static readonly string[] DefaultPullRequestTypes = ["opened", "synchronize", "reopened"];

    /// <param name="on">The workflow's on: (a name, a list of names, or a mapping).</param>
    /// <param name="eventName">GITHUB_EVENT_NAME.</param>
    /// <param name="reference">GITHUB_REF (for a pull request, refs/pull/N/merge; its base is <paramref name="baseBranch"/>).</param>
    /// <param name="action">The payload's action (synchronize, opened, ...), where the event has one.</param>
    public static TriggerDecision Decide(object? on, string eventName, string reference, string? baseBranch = null, string? action = null)
    {
        var events = on switch
        {
            string single => new OrderedMap([(single, null)]),
            List<object?> list => new OrderedMap(list.Select(item => (item as string ?? "", (object?)null))),
            OrderedMap map => map,
            _ => throw new WorkflowException("'on' must name events."),
        };
        if (!events.TryGetValue(eventName, out var node))
            return new(false, $"on: has no {eventName} (it has {string.Join(", ", events.Keys)})");
        var filters = WorkflowNodes.Map(node, $"on.{eventName}");
        return eventName switch
        {
            "push" => Push(filters, reference),
            "pull_request" or "pull_request_target" => PullRequest(filters, eventName, baseBranch ?? "", action ?? "opened"),
            _ => Other(filters, eventName),
        };
    }

    private static TriggerDecision Push(OrderedMap filters, string reference)
    {
        WorkflowNodes.OnlyKeys(filters, "on.push", "branches", "branches-ignore", "tags", "tags-ignore");
        var tag = reference.StartsWith("refs/tags/", StringComparison.Ordinal);
        var name = tag ? reference["refs/tags/".Length..] : reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference["refs/heads/".Length..] : reference;
        var (include, ignore) = tag ? ("tags", "tags-ignore") : ("branches", "branches-ignore");
        var (otherInclude, otherIgnore) = tag ? ("branches", "branches-ignore") : ("tags", "tags-ignore");
        var kind = tag ? "tag" : "branch";
        if (!filters.ContainsKey(include) && !filters.ContainsKey(ignore))
        {
            return filters.ContainsKey(otherInclude) || filters.ContainsKey(otherIgnore)
                ? new(false, $"on.push filters only {(tag ? "branches" : "tags")}, so a {kind} push ({reference}) does not start it")
                : new(true, $"on.push has no filters: every push starts it");
        }

        return Filter(filters, include, ignore, name, $"on.push.{include}", $"the {kind} {name}");
    }

    private static TriggerDecision PullRequest(OrderedMap filters, string eventName, string baseBranch, string action)
    {
        WorkflowNodes.OnlyKeys(filters, $"on.{eventName}", "branches", "branches-ignore", "types");
        var types = WorkflowNodes.Texts(filters.GetValueOrDefault("types"));
        if (!(types.Count > 0 ? types : DefaultPullRequestTypes).Contains(action))
            return new(false, $"on.{eventName}.types does not include {action}");
        if (!filters.ContainsKey("branches") && !filters.ContainsKey("branches-ignore"))
            return new(true, $"on.{eventName} has no branch filters");
        return Filter(filters, "branches", "branches-ignore", baseBranch, $"on.{eventName}.branches", $"the base branch {baseBranch}");
    }

    private static TriggerDecision Other(OrderedMap filters, string eventName)
    {
        // workflow_dispatch's inputs are defaults for the inputs context, not filters.
        WorkflowNodes.OnlyKeys(filters, $"on.{eventName}", "inputs", "types");
        var types = WorkflowNodes.Texts(filters.GetValueOrDefault("types"));
        return types.Count > 0
            ? throw new WorkflowException($"on.{eventName}.types is not run by the workflow harness; add it with a test before a workflow uses it.")
            : new(true, $"on: lists {eventName}");
    }

    private static TriggerDecision Filter(OrderedMap filters, string include, string ignore, string name, string where, string what)
    {
        if (filters.ContainsKey(include) && filters.ContainsKey(ignore))
            throw new WorkflowException($"{where}: {include} and {ignore} cannot both filter one event (GitHub refuses the workflow).");
        if (filters.ContainsKey(include))
        {
            var patterns = WorkflowNodes.Texts(filters[include]);
            return FilterPattern.Passes(patterns, name)
                ? new(true, $"{what} matches {where} ({string.Join(", ", patterns)})")
                : new(false, $"{what} matches no pattern of {where} ({string.Join(", ", patterns)})");
        }

        var ignored = WorkflowNodes.Texts(filters[ignore]);
        return FilterPattern.Passes(ignored, name)
            ? new(false, $"{what} matches {where.Replace(include, ignore, StringComparison.Ordinal)} ({string.Join(", ", ignored)})")
            : new(true, $"{what} matches no pattern of {where.Replace(include, ignore, StringComparison.Ordinal)}");
    }
}
