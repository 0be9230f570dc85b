using Keel.Execution;
using Keel.Parameters;

namespace Keel.GitHubActions;

/// <summary>
/// Pure: a [GitHubActions] attribute and the build's definitions in, a workflow model out. Every job reads
/// contents only unless it publishes; publishing jobs alone get write scopes, secrets and outputs, and never run
/// for pull requests; with <see cref="GitHubActionsAttribute.JobPerTarget"/> the invoked targets become jobs
/// connected by needs along the target graph.
/// </summary>
internal static class WorkflowGenerator
{
    public static WorkflowModel Generate(GitHubActionsAttribute workflow, WorkflowContext build)
    {
        var graph = new TargetGraph(build.Targets);
        var invoked = workflow.InvokedTargets.Select(name => Resolve(graph, name, workflow.Name, nameof(workflow.InvokedTargets))).ToList();
        if (invoked.Count == 0)
            throw new BuildException($"Workflow '{workflow.Name}' has no InvokedTargets; name the targets it runs.");
        var publishing = workflow.PublishingTargets.Select(name => Resolve(graph, name, workflow.Name, nameof(workflow.PublishingTargets))).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var secrets = workflow.ImportSecrets.Select(name => Parameter(build, name, workflow.Name, nameof(workflow.ImportSecrets))).ToList();
        var matrixParameter = workflow.MatrixParameter is null ? null : Parameter(build, workflow.MatrixParameter, workflow.Name, nameof(workflow.MatrixParameter));
        var inputs = workflow.OnWorkflowDispatchRequiredInputs.Select(name => (Parameter: Parameter(build, name, workflow.Name, nameof(workflow.OnWorkflowDispatchRequiredInputs)), Required: true))
            .Concat(workflow.OnWorkflowDispatchOptionalInputs.Select(name => (Parameter: Parameter(build, name, workflow.Name, nameof(workflow.OnWorkflowDispatchOptionalInputs)), Required: false)))
            .ToList();
        var on = Triggers(workflow, inputs);
        var after = build.Steps.Where(step => step.Workflow == workflow.Name)
            .Select(step => (Attribute: step, Action: PinnedAction.Parse(step.Uses, step.Version, workflow.PinActions, workflow.Name)))
            .ToList();
        var guardPullRequests = publishing.Count > 0 && on["pull_request"] is not null;

        var groups = workflow.JobPerTarget ? invoked.Select(t => (IReadOnlyList<string>)[t]).ToList() : [invoked];
        var split = Split(workflow, build, graph);
        var jobs = groups.SelectMany<IReadOnlyList<string>, JobModel>(group =>
        {
            var publishes = publishing.Count == 0 || group.Any(publishing.Contains);
            JobModel Make(IReadOnlyList<string> targets, JobShape shape, bool withAfter) =>
                Job(workflow, build, graph, targets, invoked, publishes, guardPullRequests && publishes, secrets, inputs, matrixParameter, publishes && withAfter ? after : [], shape);
            if (!publishes || split is null)
                return [Make(group, new JobShape(), withAfter: true)];

            // One job a part, each running the part's target in place of the publishing ones; then the merge job.
            IReadOnlyList<string> partTargets = [.. group.Where(t => !publishing.Contains(t)), split.PartTarget];
            var parts = split.Parts.Select(part => Make(partTargets, new JobShape
            {
                Id = $"{split.JobPrefix}-{JobKey(part.Key)}",
                Name = $"{split.JobPrefix} ({part.Key})",
                RunsOn = part.Runner,
                SetupSteps = part.Steps,
                ParameterValues = part.ParameterValues,
                ArtifactSuffix = "-" + JobKey(part.Key),
                Outputs = [split.PartOutput],
            }, withAfter: false)).ToList();
            var merge = Make([split.MergeTarget], new JobShape
            {
                Id = $"{split.JobPrefix}-merge",
                Name = $"{split.JobPrefix} (merge)",
                Needs = [.. parts.Select(p => p.Id)],
                SetupSteps = [],
                ParameterValues = new Dictionary<string, string>
                {
                    [split.MergeParameter] = string.Join(',', parts.Select(p => $"${{{{ needs.{p.Id}.outputs.{split.PartOutput} }}}}")),
                },
            }, withAfter: true);
            return [.. parts, merge];
        }).ToList();

        return new WorkflowModel
        {
            Name = workflow.Name,
            On = on,
            Permissions = Permissions(workflow, publishes: false),
            Concurrency = workflow.ConcurrencyGroup is { } group1 ? new ConcurrencyModel(group1, workflow.ConcurrencyCancelInProgress, workflow.ConcurrencyCancelPullRequests) : null,
            Environment = workflow.EnvironmentVariables.Select(v => v.Split('=', 2)).ToDictionary(
                v => v[0].Trim(),
                v => v.Length == 2 ? v[1] : throw new BuildException($"Workflow '{workflow.Name}': EnvironmentVariables entry '{v[0]}' needs the form NAME=value.")),
            Jobs = jobs,
            PinActions = workflow.PinActions,
        };
    }

    private static JobModel Job(
        GitHubActionsAttribute workflow, WorkflowContext build, TargetGraph graph, IReadOnlyList<string> group, IReadOnlyList<string> invoked,
        bool publishes, bool guard, IReadOnlyList<ParameterDefinition> secrets, IReadOnlyList<(ParameterDefinition Parameter, bool Required)> inputs,
        ParameterDefinition? matrixParameter, IReadOnlyList<(GitHubActionsStepAttribute Attribute, PinnedAction Action)> after, JobShape shape)
    {
        // In its own job a target skips the invoked targets it needs: earlier jobs ran them.
        var skip = workflow.JobPerTarget ? EarlierTargets(graph, group[0], invoked) : [];
        var upstream = workflow.JobPerTarget ? Nearest(graph, skip) : [];
        var images = workflow.Images.Distinct().ToList();
        var windows = images.Any(i => i is GitHubActionsImage.WindowsLatest or GitHubActionsImage.Windows2022);
        var matrix = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (images.Count > 1)
            matrix["os"] = [.. images.Select(Label)];
        if (matrixParameter is not null)
            matrix[ParameterNames.Kebab(matrixParameter.Name)] = workflow.MatrixValues;

        // Matrix jobs keep one artifact per matrix cell; the cell of the same values downloads it.
        var cell = (matrix.Count > 0 ? "-" + string.Join("-", matrix.Keys.Select(k => $"${{{{ matrix.{k} }}}}")) : "") + shape.ArtifactSuffix;
        var steps = new List<StepModel>
        {
            new()
            {
                Action = PinnedAction.Checkout,
                With = new Dictionary<string, string> { ["fetch-depth"] = FetchDepth(workflow, build).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            },
            new()
            {
                Action = PinnedAction.SetupDotNet,
                With = new Dictionary<string, string> { ["global-json-file"] = "global.json" },
            },
            new()
            {
                Action = PinnedAction.Cache,
                With = new Dictionary<string, string>
                {
                    ["path"] = "~/.nuget/packages",
                    ["key"] = $"${{{{ runner.os }}}}-nuget-${{{{ hashFiles({string.Join(", ", workflow.CacheKeyFiles.Select(f => $"'{f}'"))}) }}}}",
                    ["restore-keys"] = "${{ runner.os }}-nuget-",
                },
            },
        };
        // What this job's targets consume, when earlier jobs produced it, comes back to the same folders before
        // this job's build runs.
        var running = Running(graph, group, skip).ToList();
        var consumed = running.SelectMany(target => graph[target].Consumes).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var produced = skip.SelectMany(earlier => Running(graph, [earlier], EarlierTargets(graph, earlier, invoked)))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(consumed.Contains);
        foreach (var producer in produced)
        {
            foreach (var directory in graph[producer].Produces)
            {
                steps.Add(new StepModel
                {
                    Name = $"Download {producer} ({directory})",
                    Action = PinnedAction.DownloadArtifact,
                    With = new Dictionary<string, string> { ["name"] = ArtifactName(producer, directory) + cell, ["path"] = directory },
                });
            }
        }

        steps.AddRange(workflow.SetupCommands.Select(command => new StepModel { Run = command }));
        var setups = publishes ? build.Setups.Where(setup => setup.Workflow == workflow.Name).ToList() : [];
        steps.AddRange((shape.SetupSteps ?? setups.SelectMany(setup => images.SelectMany(setup.StepsFor)))
            .DistinctBy(step => (step.Name, step.Uses))
            .Select(step => new StepModel
            {
                Name = step.Name,
                Action = PinnedAction.Parse(step.Uses, step.Version, workflow.PinActions, workflow.Name),
                With = step.With,
            }));

        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (publishes)
        {
            foreach (var secret in secrets)
                environment[secret.EnvironmentName] = $"${{{{ secrets.{secret.EnvironmentName} }}}}";
            if (workflow.EnableGitHubToken)
                environment["GITHUB_TOKEN"] = "${{ secrets.GITHUB_TOKEN }}";
        }

        foreach (var (parameter, _) in inputs)
            environment[parameter.EnvironmentName] = $"${{{{ inputs.{parameter.Name} }}}}";
        foreach (var setup in setups)
        {
            var attribute = $"[{setup.GetType().Name.Replace("Attribute", "", StringComparison.Ordinal)}]";
            foreach (var (name, value) in setup.ParameterValues.Concat(shape.ParameterValues))
                environment[Parameter(build, name, workflow.Name, attribute).EnvironmentName] = value;
        }

        var command = new List<string> { windows ? build.Layout.WindowsScript : build.Layout.UnixScript };
        command.AddRange(group);
        if (skip.Count > 0)
            command.AddRange(["--skip", .. skip]);
        if (matrixParameter is not null)
            command.AddRange([matrixParameter.CommandLineName, $"${{{{ matrix.{ParameterNames.Kebab(matrixParameter.Name)} }}}}"]);
        steps.Add(new StepModel { Name = $"Run {string.Join(' ', command.Take(1 + group.Count))}", Id = BuildStep.Id, Run = string.Join(' ', command), Env = environment });
        steps.AddRange(after.Select(step => new StepModel
        {
            Name = step.Attribute.Name,
            If = step.Attribute.If,
            Action = step.Action,
            With = step.Attribute.With.Select(input => input.Split('=', 2)).ToDictionary(
                input => input[0].Trim(),
                input => input.Length == 2 ? input[1] : throw new BuildException($"Workflow '{workflow.Name}': step {step.Action.Name} has With entry '{input[0]}'; write input=value.")),
        }));

        if (workflow.PublishArtifacts || workflow.JobPerTarget)
        {
            foreach (var producer in running)
            {
                foreach (var directory in graph[producer].Produces)
                {
                    steps.Add(new StepModel
                    {
                        Name = $"Upload {producer} ({directory})",
                        If = "always()",
                        Action = PinnedAction.UploadArtifact,
                        With = new Dictionary<string, string>
                        {
                            ["name"] = ArtifactName(producer, directory) + cell,
                            ["path"] = directory,
                            ["if-no-files-found"] = "ignore",
                        },
                    });
                }
            }
        }

        var id = shape.Id ?? (workflow.JobPerTarget ? ParameterNames.Kebab(group[0]) : images.Count == 1 ? Label(images[0]).Replace('.', '_') : "build");
        return new JobModel
        {
            Id = id,
            Name = shape.Name ?? (workflow.JobPerTarget ? group[0] : images.Count == 1 ? Label(images[0]) : "build (${{ matrix.os }})"),
            RunsOn = shape.RunsOn ?? (images.Count > 1 ? "${{ matrix.os }}" : Label(images[0])),
            Needs = [.. upstream.Select(ParameterNames.Kebab), .. shape.Needs],
            If = guard ? "github.event_name != 'pull_request'" : null,
            Permissions = Permissions(workflow, publishes, after.SelectMany(step => step.Attribute.WritePermissions)),
            Environment = publishes ? workflow.EnvironmentName : null,
            TimeoutMinutes = workflow.TimeoutMinutes,
            Matrix = matrix,
            Outputs = publishes ? (shape.Outputs ?? workflow.Outputs).ToDictionary(o => o, o => $"${{{{ steps.{BuildStep.Id}.outputs.{o} }}}}") : new Dictionary<string, string>(),
            Steps = steps,
            Targets = group,
        };
    }

    /// <summary>
    /// The one split of the workflow's publishing job, when a feature asks for it: only a workflow of one job on one
    /// runner, without a matrix, can be split, and a part or the merge must name a target of the build.
    /// </summary>
    private static GitHubActionsJobSplit? Split(GitHubActionsAttribute workflow, WorkflowContext build, TargetGraph graph)
    {
        var splits = build.Setups.Where(setup => setup.Workflow == workflow.Name)
            .Select(setup => setup.SplitFor(workflow.Images[0]))
            .OfType<GitHubActionsJobSplit>()
            .ToList();
        if (splits.Count == 0)
            return null;
        if (splits.Count > 1)
            throw new BuildException($"Workflow '{workflow.Name}' is split into jobs by {splits.Count} attributes; one may split it.");
        if (workflow.JobPerTarget || workflow.Images.Distinct().Count() > 1 || workflow.MatrixParameter is not null)
            throw new BuildException($"Workflow '{workflow.Name}' splits its publishing job into one job a part, which needs one job on one runner: drop JobPerTarget, the matrix and the other runners.");
        var split = splits[0];
        if (split.Parts.Count == 0)
            throw new BuildException($"Workflow '{workflow.Name}' splits its publishing job into no part; name the parts.");
        return split with
        {
            PartTarget = Resolve(graph, split.PartTarget, workflow.Name, "its split"),
            MergeTarget = Resolve(graph, split.MergeTarget, workflow.Name, "its split"),
        };
    }

    /// <summary>linux/arm64 as a job id's part: linux-arm64.</summary>
    private static string JobKey(string key) =>
        System.Text.RegularExpressions.Regex.Replace(key.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');

    /// <summary>What sets one job apart from the one the workflow would have: a part of a split, or its merge.</summary>
    private sealed record JobShape
    {
        public string? Id { get; init; }
        public string? Name { get; init; }
        public string? RunsOn { get; init; }
        public IReadOnlyList<string> Needs { get; init; } = [];

        /// <summary>The setup steps in place of the features' own; null: the features'.</summary>
        public IReadOnlyList<GitHubActionsSetupStep>? SetupSteps { get; init; }

        /// <summary>Parameter values over the features' own.</summary>
        public IReadOnlyDictionary<string, string> ParameterValues { get; init; } = new Dictionary<string, string>();

        /// <summary>What the job's artifact names end with, so that no two jobs of a run upload one name.</summary>
        public string ArtifactSuffix { get; init; } = "";

        /// <summary>The job's outputs in place of the workflow's; null: the workflow's.</summary>
        public IReadOnlyList<string>? Outputs { get; init; }
    }

    /// <summary>Contents and the read scopes for everyone; the write scopes only where the job publishes.</summary>
    private static SortedDictionary<string, string> Permissions(GitHubActionsAttribute workflow, bool publishes, IEnumerable<GitHubActionsPermission>? steps = null)
    {
        var permissions = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["contents"] = "read" };
        foreach (var scope in workflow.ReadPermissions)
            permissions[Scope(scope)] = "read";
        if (publishes)
        {
            foreach (var scope in workflow.WritePermissions.Concat(steps ?? []))
                permissions[Scope(scope)] = "write";
        }

        return permissions;
    }

    private static YamlMap Triggers(GitHubActionsAttribute workflow, IReadOnlyList<(ParameterDefinition Parameter, bool Required)> inputs)
    {
        var on = new YamlMap();
        if (workflow.On.Contains(GitHubActionsTrigger.Push) || workflow.OnPushBranches.Length + workflow.OnPushTags.Length + workflow.OnPushIncludePaths.Length + workflow.OnPushExcludePaths.Length > 0)
        {
            var push = new YamlMap();
            AddList(push, "branches", workflow.OnPushBranches);
            AddList(push, "tags", workflow.OnPushTags);
            AddList(push, "paths", workflow.OnPushIncludePaths);
            AddList(push, "paths-ignore", workflow.OnPushExcludePaths);
            on.Add("push", push.Entries.Count == 0 ? null : push);
        }

        if (workflow.On.Contains(GitHubActionsTrigger.PullRequest) || workflow.OnPullRequestBranches.Length + workflow.OnPullRequestIncludePaths.Length + workflow.OnPullRequestExcludePaths.Length > 0)
        {
            var pullRequest = new YamlMap();
            AddList(pullRequest, "branches", workflow.OnPullRequestBranches);
            AddList(pullRequest, "paths", workflow.OnPullRequestIncludePaths);
            AddList(pullRequest, "paths-ignore", workflow.OnPullRequestExcludePaths);
            on.Add("pull_request", pullRequest.Entries.Count == 0 ? null : pullRequest);
        }

        if (workflow.On.Contains(GitHubActionsTrigger.WorkflowDispatch) || inputs.Count > 0)
        {
            YamlMap? dispatch = null;
            if (inputs.Count > 0)
            {
                var map = new YamlMap();
                foreach (var (parameter, required) in inputs)
                    map.Add(parameter.Name, Input(parameter, required));
                dispatch = new YamlMap().Add("inputs", map);
            }

            on.Add("workflow_dispatch", dispatch);
        }

        if (workflow.OnCronSchedule is { } cron)
            on.Add("schedule", new YamlList([new YamlMap().Add("cron", cron)]));
        if (on.Entries.Count == 0)
            throw new BuildException($"Workflow '{workflow.Name}' has no trigger; set On, OnPushBranches, OnPullRequestBranches, OnCronSchedule or workflow dispatch inputs.");
        return on;
    }

    private static YamlMap Input(ParameterDefinition parameter, bool required)
    {
        var input = new YamlMap();
        if (parameter.Description is { } description)
            input.Add("description", description);
        input.Add("required", YamlScalar.Of(required));
        var allowed = parameter.AllowedValues;
        if (parameter.IsSwitch)
        {
            input.Add("type", "boolean");
        }
        else if (allowed.Count > 0 && !parameter.IsArray)
        {
            input.Add("type", "choice");
            input.AddList("options", allowed);
        }
        else
        {
            // Numbers too: the build checks the value, and "number" inputs are not accepted everywhere yet.
            input.Add("type", "string");
        }

        return input;
    }

    /// <summary>The invoked targets that <paramref name="target"/> needs, directly or not: earlier jobs run them.</summary>
    private static IReadOnlyList<string> EarlierTargets(TargetGraph graph, string target, IReadOnlyList<string> invoked)
    {
        var below = Needed(graph, target);
        return [.. invoked.Where(below.Contains)];
    }

    /// <summary>Of the earlier targets, those no other earlier target needs: the jobs to list under needs.</summary>
    private static IReadOnlyList<string> Nearest(TargetGraph graph, IReadOnlyList<string> earlier) =>
        [.. earlier.Where(candidate => !earlier.Any(other => Needed(graph, other).Contains(candidate)))];

    /// <summary>Everything a target needs, directly or not, without the target itself.</summary>
    private static HashSet<string> Needed(TargetGraph graph, string target)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>(graph.Needs[target]);
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (seen.Add(name))
            {
                foreach (var need in graph.Needs[name])
                    pending.Push(need);
            }
        }

        return seen;
    }

    /// <summary>The targets a job's command actually runs: its plan without what it skips.</summary>
    private static IEnumerable<string> Running(TargetGraph graph, IReadOnlyList<string> group, IReadOnlyList<string> skip) =>
        Planner.Plan(graph, group, skip.Count == 0 ? null : skip, _ => null).Running.Select(s => s.Name);

    private static int FetchDepth(GitHubActionsAttribute workflow, WorkflowContext build) =>
        workflow.FetchDepth >= 0 ? workflow.FetchDepth : build.UsesGitVersion ? 0 : 1;

    private static string ArtifactName(string target, string directory) =>
        ParameterNames.Kebab(target) + "-" + string.Join('-', directory.Split(['/', '\\', '.'], StringSplitOptions.RemoveEmptyEntries).Select(p => p.ToLowerInvariant()));

    private static string Resolve(TargetGraph graph, string name, string workflow, string property) =>
        graph.TryFind(name, out var target)
            ? target.Name
            : throw new BuildException($"Workflow '{workflow}' names '{name}' in {property}, which is not a target{(NameSuggester.Closest(name, graph.Targets.Select(t => t.Name)) is { } close ? $"; did you mean '{close}'?" : ".")}");

    private static ParameterDefinition Parameter(WorkflowContext build, string name, string workflow, string property) =>
        build.Parameters.FirstOrDefault(p => ParameterNames.Normalize(p.Name) == ParameterNames.Normalize(name))
        ?? throw new BuildException($"Workflow '{workflow}' names '{name}' in {property}, which is not a parameter{(NameSuggester.Closest(name, build.Parameters.Select(p => p.Name)) is { } close ? $"; did you mean '{close}'?" : ".")}");

    private static void AddList(YamlMap map, string key, string[] values)
    {
        if (values.Length > 0)
            map.AddList(key, values);
    }

    private static string Scope(GitHubActionsPermission permission) => permission switch
    {
        GitHubActionsPermission.IdToken => "id-token",
        GitHubActionsPermission.PullRequests => "pull-requests",
        GitHubActionsPermission.SecurityEvents => "security-events",
        _ => permission.ToString().ToLowerInvariant(),
    };

    public static string Label(GitHubActionsImage image) => image switch
    {
        GitHubActionsImage.Ubuntu2204 => "ubuntu-22.04",
        GitHubActionsImage.WindowsLatest => "windows-latest",
        GitHubActionsImage.Windows2022 => "windows-2022",
        GitHubActionsImage.MacOsLatest => "macos-latest",
        _ => "ubuntu-latest",
    };
}
