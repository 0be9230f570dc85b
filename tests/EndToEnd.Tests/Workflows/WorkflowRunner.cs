using System.Globalization;
using System.Text.Json;

namespace EndToEnd.Tests.Workflows;

/// <summary>
/// Runs a generated workflow here as GitHub would for an event: first whether the event starts it at all; then its
/// jobs in needs: order, independent ones at once (at most <see cref="WorkflowRunSettings.MaxParallelJobs"/>), each
/// matrix combination as a job run of its own. A job whose needs did not all succeed is skipped unless its if: asks
/// for always(), failure() or the like; a failed matrix combination cancels the ones not started yet (fail-fast;
/// those already running finish). Concurrency groups are read and not run: the harness runs one workflow run at a
/// time. Jobs run as this machine's user (root here; GitHub's runner user has passwordless sudo).
/// </summary>
public static class WorkflowRunner
{
    public static WorkflowRun Run(Workflow workflow, WorkflowRunSettings settings)
    {
        var variables = settings.Event.Variables;
        using var payloadDocument = JsonDocument.Parse(File.ReadAllText(variables["GITHUB_EVENT_PATH"]));
        var payload = ExpressionValues.FromJson(payloadDocument.RootElement) as OrderedMap ?? new OrderedMap();
        var trigger = WorkflowTriggers.Decide(workflow.On, variables["GITHUB_EVENT_NAME"], variables["GITHUB_REF"], variables.GetValueOrDefault("GITHUB_BASE_REF"),
            payload.GetValueOrDefault("action") as string);
        var folder = Directory.CreateTempSubdirectory("keel-e2e-workflow-").FullName;
        var artifacts = new ArtifactStore(Path.Combine(folder, "artifacts"));
        var title = workflow.Name ?? Path.GetFileName(workflow.Source);
        if (!trigger.Triggers)
            return new WorkflowRun(folder, trigger, [], artifacts, [], $"{title}: {variables["GITHUB_EVENT_NAME"]} on {variables["GITHUB_REF"]} does not start it: {trigger.Reason}.");

        var log = new List<string> { $"{title}: {variables["GITHUB_EVENT_NAME"]} on {variables["GITHUB_REF"]} starts it: {trigger.Reason}." };
        var attestations = new List<ProvenanceSubject>();
        var runs = new Dictionary<string, List<JobRun>>();
        var pending = workflow.Jobs.ToList();
        var queue = new List<(WorkflowJob Job, OrderedMap Matrix, int Index)>();
        var running = new List<(Task<JobRun> Task, WorkflowJob Job)>();
        var shared = Contexts(workflow, settings, payload);
        var finished = new List<JobRun>();

        while (true)
        {
            // A job skipped here may let another start at once: look again until nothing changes.
            while (pending.FirstOrDefault(j => j.Needs.All(need => runs.ContainsKey(need) && Done(need, queue, running))) is { } job)
            {
                pending.Remove(job);
                runs[job.Id] = [];
                var contexts = JobContexts(shared, job, runs);
                var status = NeedsStatus(workflow, job, runs);
                bool starts;
                try
                {
                    starts = Interpolation.Condition(job.If, new ExpressionScope(contexts, status));
                }
                catch (WorkflowException e)
                {
                    log.Add($"Job {job.Id}: Error: its if: cannot be evaluated: {e.Message}");
                    runs[job.Id].Add(Ended(job, "failure", $"Error: {e.Message}"));
                    continue;
                }

                if (!starts)
                {
                    var why = job.If is null ? $"its needs did not all succeed ({string.Join(", ", job.Needs.Select(n => $"{n}: {Result(runs[n])}"))})" : $"if: {job.If} is false";
                    log.Add($"Job {job.Id}: skipped, {why}.");
                    runs[job.Id].Add(Ended(job, "skipped", $"Skipped: {why}."));
                    continue;
                }

                var legs = MatrixExpansion.Expand(job.Matrix is null ? null : Interpolation.Value(job.Matrix, new ExpressionScope(contexts)));
                queue.AddRange(legs.Select((matrix, index) => (job, matrix, index)));
            }

            foreach (var (job, matrix, index) in queue.ToList())
            {
                var limit = job.MaxParallel is { } max && int.TryParse(max, out var n) ? n : int.MaxValue;
                if (running.Count >= settings.MaxParallelJobs || running.Count(r => r.Job == job) >= limit)
                    continue;
                queue.Remove((job, matrix, index));
                var contexts = JobContexts(shared, job, runs);
                contexts["matrix"] = matrix;
                contexts["strategy"] = new OrderedMap([("fail-fast", job.FailFast != "false"), ("job-index", (double)index),
                    ("job-total", (double)MatrixCount(job, matrix, queue, running, runs)), ("max-parallel", (double)Math.Min(limit, settings.MaxParallelJobs))]);
                var jobFolder = Path.Combine(folder, "jobs", $"{job.Id}-{index.ToString(CultureInfo.InvariantCulture)}");
                var runner = new JobRunner(workflow, job, matrix, contexts, jobFolder, settings, artifacts, subject =>
                {
                    lock (attestations)
                        attestations.Add(subject);
                });
                running.Add((Task.Run(runner.Run), job));
            }

            if (running.Count == 0)
            {
                if (pending.Count == 0 && queue.Count == 0)
                    break;
                throw new WorkflowException($"{workflow.Source}: jobs {string.Join(", ", pending.Select(j => j.Id))} wait for each other in a cycle of needs.");
            }

            var done = running[Task.WaitAny([.. running.Select(r => (Task)r.Task)])];
            running.Remove(done);
            var finishedRun = done.Task.Result;
            runs[done.Job.Id].Add(finishedRun);
            finished.Add(finishedRun);
            log.Add(finishedRun.Log);
            if (finishedRun.Result == "failure" && done.Job.FailFast != "false")
            {
                foreach (var leg in queue.Where(q => q.Job == done.Job).ToList())
                {
                    queue.Remove(leg);
                    runs[done.Job.Id].Add(Ended(done.Job, "cancelled", "Cancelled: another combination of the matrix failed (fail-fast)."));
                }
            }
        }

        var ordered = workflow.Jobs.SelectMany(j => runs.GetValueOrDefault(j.Id) ?? []).ToList();
        log.Add($"{title}: {(ordered.Any(j => j.Result is "failure" or "cancelled") ? "failure" : "success")} ({string.Join(", ", ordered.Select(j => $"{j.Name}: {j.Result}"))})");
        return new WorkflowRun(folder, trigger, ordered, artifacts, attestations, string.Join('\n', log));
    }

    private static bool Done(string job, List<(WorkflowJob Job, OrderedMap Matrix, int Index)> queue, List<(Task<JobRun> Task, WorkflowJob Job)> running) =>
        queue.All(q => q.Job.Id != job) && running.All(r => r.Job.Id != job);

    private static int MatrixCount(WorkflowJob job, OrderedMap matrix, List<(WorkflowJob Job, OrderedMap Matrix, int Index)> queue,
        List<(Task<JobRun> Task, WorkflowJob Job)> running, Dictionary<string, List<JobRun>> runs) =>
        queue.Count(q => q.Job == job) + running.Count(r => r.Job == job) + runs[job.Id].Count + 1;

    /// <summary>A job's result over its matrix: failure if any failed, cancelled if any was, skipped if all were, else success.</summary>
    private static string Result(IReadOnlyList<JobRun> legs) =>
        legs.Any(l => l.Result == "failure") ? "failure" : legs.Any(l => l.Result == "cancelled") ? "cancelled"
        : legs.All(l => l.Result == "skipped") ? "skipped" : "success";

    /// <summary>What the status functions answer in a job's if: failure when any job it needs, directly or not, failed.</summary>
    private static string NeedsStatus(Workflow workflow, WorkflowJob job, Dictionary<string, List<JobRun>> runs)
    {
        var ancestors = new HashSet<string>();
        var stack = new Stack<string>(job.Needs);
        while (stack.TryPop(out var need))
        {
            if (ancestors.Add(need))
                foreach (var further in workflow.Job(need).Needs)
                    stack.Push(further);
        }

        if (ancestors.Any(a => Result(runs[a]) == "failure"))
            return "failure";
        return job.Needs.All(n => Result(runs[n]) == "success") ? "success" : "skipped";
    }

    private static JobRun Ended(WorkflowJob job, string result, string log) =>
        new(job.Id, job.Name ?? job.Id, "", new OrderedMap(), result, new Dictionary<string, string>(), [], "", $"Job {job.Name ?? job.Id}: {result}. {log}", DateTime.UtcNow, DateTime.UtcNow);

    /// <summary>The contexts every job sees: github (the runner's variables and the event's payload), secrets, vars, inputs.</summary>
    private static OrderedMap Contexts(Workflow workflow, WorkflowRunSettings settings, OrderedMap payload)
    {
        var secrets = new OrderedMap(settings.Secrets.Select(p => (p.Key, (object?)p.Value)));
        if (!secrets.ContainsKey("GITHUB_TOKEN"))
            secrets["GITHUB_TOKEN"] = WorkflowRunSettings.GitHubToken;
        var github = new OrderedMap(settings.Event.Variables.Where(p => p.Key.StartsWith("GITHUB_", StringComparison.Ordinal))
            .Select(p => (p.Key["GITHUB_".Length..].ToLowerInvariant(), (object?)p.Value)));
        github["event"] = payload;
        github["token"] = secrets["GITHUB_TOKEN"];
        github["workflow"] = workflow.Name ?? workflow.Source;
        github["run_id"] = "4242";
        github["run_number"] = "17";
        github["run_attempt"] = settings.RunAttempt.ToString(CultureInfo.InvariantCulture);
        github["retention_days"] = "90";
        github["api_url"] = "https://api.github.com";
        foreach (var key in new[] { "head_ref", "base_ref" })
            github[key] = github.GetValueOrDefault(key) ?? "";
        var inputs = Inputs(workflow, settings);
        return new OrderedMap([("github", github), ("secrets", secrets), ("vars", new OrderedMap(settings.Vars.Select(p => (p.Key, (object?)p.Value)))), ("inputs", inputs)]);
    }

    /// <summary>A workflow_dispatch's inputs: what the test gives, else each input's default.</summary>
    private static OrderedMap Inputs(Workflow workflow, WorkflowRunSettings settings)
    {
        var inputs = new OrderedMap();
        var declared = workflow.On is OrderedMap on && on.GetValueOrDefault("workflow_dispatch") is OrderedMap dispatch && dispatch.GetValueOrDefault("inputs") is OrderedMap map ? map : new OrderedMap();
        foreach (var (name, definition) in declared)
        {
            var value = (definition as OrderedMap)?.GetValueOrDefault("default");
            inputs[name] = (definition as OrderedMap)?.GetValueOrDefault("type") is "boolean" ? value is "true" : value ?? "";
        }

        foreach (var (name, value) in settings.Inputs)
            inputs[name] = value;
        return inputs;
    }

    private static OrderedMap JobContexts(OrderedMap shared, WorkflowJob job, Dictionary<string, List<JobRun>> runs)
    {
        var needs = new OrderedMap();
        foreach (var need in job.Needs)
        {
            // A matrix job's outputs are the last finished combination's, value by value, as on GitHub.
            var outputs = new OrderedMap();
            foreach (var leg in runs[need])
                foreach (var (key, value) in leg.Outputs)
                    outputs[key] = value;
            needs[need] = new OrderedMap([("result", Result(runs[need])), ("outputs", outputs)]);
        }

        return new OrderedMap([.. shared.Select(p => (p.Key, p.Value)), ("needs", needs), ("matrix", new OrderedMap()), ("strategy", new OrderedMap())]);
    }
}
