using System.Globalization;

namespace EndToEnd.Tests.Workflows;

/// <summary>
/// Runs one job (one matrix combination) as a GitHub-hosted runner does: a fresh workspace and runner folder, env
/// layered workflow, job, $GITHUB_ENV, step; each step's if: against the job's status so far; run: steps through
/// bash as an argument list in the workspace, with the runner's variables and fresh $GITHUB_OUTPUT, $GITHUB_ENV,
/// $GITHUB_PATH and $GITHUB_STEP_SUMMARY files whose contents are read back after the step; uses: steps through
/// their local equivalents; secrets and ::add-mask:: values masked in the log; the job's outputs at the end.
/// </summary>
internal sealed class JobRunner(Workflow workflow, WorkflowJob job, OrderedMap matrix, OrderedMap contexts, string folder, WorkflowRunSettings settings,
    ArtifactStore artifacts, Action<ProvenanceSubject> attest)
{
    private static readonly string[] NotInherited = ["CI", "REGISTRY", "REGISTRY_PASSWORD", "DOCKER_EXE"];
    private readonly List<string> _log = [];
    private readonly List<string> _masks = [.. settings.Secrets.Values.Append(WorkflowRunSettings.GitHubToken).Where(v => v.Length > 0)];

    public JobRun Run()
    {
        var started = DateTime.UtcNow;
        var scope = new ExpressionScope(contexts, Workspace: Workspace);
        var runsOn = "";
        var name = job.Id;
        var steps = new List<StepRun>();
        var summary = new System.Text.StringBuilder();
        var outputs = new Dictionary<string, string>();
        var result = "success";
        try
        {
            name = job.Name is not null ? Interpolation.Expand(job.Name, scope)
                : matrix.Count > 0 ? $"{job.Id} ({string.Join(", ", matrix.Values.Select(ExpressionValues.ToText))})" : job.Id;
            runsOn = Interpolation.Value(job.RunsOn, scope) switch
            {
                string label => label,
                List<object?> and [string only] => only,
                var other => throw new WorkflowException($"runs-on {ExpressionValues.ToText(other)}: the harness runs jobs on one GitHub-hosted runner label."),
            };
            var architecture = RunnerLabels.Architecture(runsOn);
            Log($"Job {name} on {runsOn}");
            if (architecture == "ARM64")
                Log($"runs-on {runsOn}: GitHub runs this job on a native arm64 runner; here it runs on this linux/amd64 machine, its arm64 programs under emulation ({EmulationSetup.Ensure("arm64")}).");

            Directory.CreateDirectory(Workspace);
            Directory.CreateDirectory(RunnerTemp);
            contexts["runner"] = new OrderedMap([("os", "Linux"), ("arch", architecture), ("name", $"GitHub Actions {job.Id}"), ("environment", "github-hosted"),
                ("temp", RunnerTemp), ("tool_cache", Path.Combine(folder, "tool-cache")), ("debug", null)]);
            contexts["github"] = new OrderedMap([.. ((OrderedMap)contexts["github"]!).Select(p => (p.Key, p.Value)), ("job", job.Id), ("workspace", Workspace)]);
            contexts["job"] = new OrderedMap([("status", "success")]);
            contexts["steps"] = new OrderedMap();
            contexts["env"] = Evaluated(workflow.Env, new OrderedMap());
            contexts["env"] = Evaluated(job.Env, (OrderedMap)contexts["env"]!);

            var timeout = Minutes(job.TimeoutMinutes, scope, 360);
            var deadline = DateTime.UtcNow + timeout;
            var status = "success";
            var path = new List<string>();
            foreach (var step in job.Steps)
            {
                var (run, failed) = Step(step, status, deadline, path, summary);
                steps.Add(run);
                if (failed && status == "success")
                    status = DateTime.UtcNow >= deadline ? "cancelled" : "failure";
                ((OrderedMap)contexts["job"]!)["status"] = status;
            }

            result = status;
            foreach (var (output, expression) in job.Outputs)
            {
                var value = Interpolation.Expand(expression as string, new ExpressionScope(contexts, status, Workspace));
                // GitHub drops a job output that holds a secret rather than pass it on.
                if (_masks.Any(mask => value.Contains(mask, StringComparison.Ordinal)))
                    Log($"Warning: Skip output '{output}' since it may contain secret.");
                else
                    outputs[output] = value;
            }
        }
        catch (WorkflowException e)
        {
            Log($"Error: {e.Message}");
            result = "failure";
        }

        Log($"Job {name}: {result}");
        return new JobRun(job.Id, name, runsOn, matrix, result, outputs, steps, summary.ToString(), string.Join('\n', _log), started, DateTime.UtcNow);
    }

    private string Workspace => Path.Combine(folder, "work", "store");

    private string RunnerTemp => Path.Combine(folder, "temp");

    private (StepRun Run, bool Failed) Step(WorkflowStep step, string status, DateTime deadline, List<string> path, System.Text.StringBuilder summary)
    {
        var scope = new ExpressionScope(contexts, status, Workspace);
        var name = step.DisplayName;
        var stepOutputs = new Dictionary<string, string>();
        var start = _log.Count;
        var leaks = 0;
        string outcome;
        try
        {
            name = step.Name is null ? name : Interpolation.Expand(step.Name, scope);
            if (DateTime.UtcNow >= deadline && status != "cancelled")
                throw new WorkflowException("The job has exceeded the maximum execution time.");
            if (!Interpolation.Condition(step.If, scope))
            {
                Log($"── {name}: skipped{(step.If is null ? "" : $" (if: {step.If})")}");
                return (Record(step, name, "skipped", "skipped", stepOutputs, start, 0), false);
            }

            Log($"── {name}");
            var env = Evaluated(step.Env, (OrderedMap)contexts["env"]!);
            var files = Path.Combine(RunnerTemp, "_runner_file_commands", $"step-{step.Index}");
            Directory.CreateDirectory(files);
            var commands = new Dictionary<string, string>
            {
                ["GITHUB_OUTPUT"] = Path.Combine(files, "output"),
                ["GITHUB_ENV"] = Path.Combine(files, "env"),
                ["GITHUB_PATH"] = Path.Combine(files, "path"),
                ["GITHUB_STEP_SUMMARY"] = Path.Combine(files, "summary.md"),
            };
            foreach (var file in commands.Values)
                File.WriteAllText(file, "");

            if (step.Run is not null)
            {
                var exit = RunScript(step, Interpolation.Expand(step.Run, scope), Environment(env, commands, step, path), Minutes(step.TimeoutMinutes, scope, 360), deadline, ref leaks);
                if (exit is null)
                    throw new WorkflowException("The step ran out of time and was cancelled.");
                if (exit != 0)
                    throw new WorkflowException($"Process completed with exit code {exit}.");
            }
            else
            {
                var with = new OrderedMap(step.With.Select(pair => (pair.Key, (object?)Interpolation.Expand(pair.Value as string, scope))));
                var context = new LocalActionContext(job.Id, Workspace, RunnerTemp, ((OrderedMap)contexts["runner"]!)["arch"] as string ?? "X64", settings.Origin,
                    settings.Event.Variables, job.Permissions.Count > 0 ? job.Permissions : workflow.Permissions, artifacts, attest, Log);
                foreach (var (key, value) in LocalActions.Run(step.Uses!, with, context))
                    stepOutputs[key] = value;
            }

            foreach (var (key, value) in CommandFile.Parse(File.ReadAllText(commands["GITHUB_OUTPUT"]), "GITHUB_OUTPUT"))
                stepOutputs[key] = value;
            foreach (var (key, value) in CommandFile.Parse(File.ReadAllText(commands["GITHUB_ENV"]), "GITHUB_ENV"))
                ((OrderedMap)contexts["env"]!)[key] = value;
            path.InsertRange(0, File.ReadAllLines(commands["GITHUB_PATH"]).Where(l => l.Trim().Length > 0).Reverse());
            summary.Append(File.ReadAllText(commands["GITHUB_STEP_SUMMARY"]));
            outcome = "success";
        }
        catch (Exception e) when (e is WorkflowException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // A local action's git or file error fails its step, as the action's own error would.
            Log($"Error: {e.Message}");
            outcome = "failure";
        }

        var continueOnError = step.ContinueOnError is { } flag && ExpressionValues.IsTruthy(Interpolation.Value(flag, scope)) && flag.Trim() != "false";
        var conclusion = outcome == "failure" && continueOnError ? "success" : outcome;
        return (Record(step, name, outcome, conclusion, stepOutputs, start, leaks), conclusion == "failure");
    }

    private StepRun Record(WorkflowStep step, string name, string outcome, string conclusion, Dictionary<string, string> outputs, int start, int leaks)
    {
        if (step.Id is not null)
        {
            ((OrderedMap)contexts["steps"]!)[step.Id] = new OrderedMap([("outputs", new OrderedMap(outputs.Select(p => (p.Key, (object?)p.Value)))),
                ("outcome", outcome), ("conclusion", conclusion)]);
        }

        return new StepRun(step.Id, name, outcome, conclusion, outputs, string.Join('\n', _log.Skip(start)), leaks);
    }

    private int? RunScript(WorkflowStep step, string script, Dictionary<string, string> environment, TimeSpan stepTimeout, DateTime deadline, ref int leaks)
    {
        var shell = step.Shell ?? job.Shell ?? workflow.Shell;
        var scriptFile = Path.Combine(RunnerTemp, $"{Guid.NewGuid():N}.sh");
        File.WriteAllText(scriptFile, script);
        // GitHub's defaults: no shell named is bash -e {0}; shell: bash is bash --noprofile --norc -eo pipefail {0}.
        string[] arguments = shell switch
        {
            null => ["-e", scriptFile],
            "bash" => ["--noprofile", "--norc", "-eo", "pipefail", scriptFile],
            "sh" => ["-e", scriptFile],
            _ => throw new WorkflowException($"shell: {shell} is not run by the workflow harness (it runs bash and sh)."),
        };
        var directory = Path.GetFullPath(Path.Combine(Workspace, step.WorkingDirectory ?? job.WorkingDirectory ?? workflow.WorkingDirectory ?? "."));
        if (!Directory.Exists(directory))
            throw new WorkflowException($"No such working directory: {directory}.");
        var timeout = new[] { stepTimeout, deadline - DateTime.UtcNow }.Min();
        var seen = 0;
        var exit = StepProcess.Run(shell == "sh" ? "sh" : "bash", arguments, directory, environment, timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout, line =>
        {
            if (Command(line))
                return;
            var masked = Mask(line);
            if (masked != line)
                seen++;
            Log(masked);
        });
        leaks += seen;
        return exit;
    }

    /// <summary>The runner's workflow commands in a step's output: ::add-mask:: is taken (and not shown); others are shown.</summary>
    private bool Command(string line)
    {
        if (!line.StartsWith("::add-mask::", StringComparison.Ordinal))
            return false;
        var value = line["::add-mask::".Length..].Trim();
        if (value.Length > 0)
            _masks.Add(value);
        return true;
    }

    private string Mask(string line)
    {
        foreach (var mask in _masks.OrderByDescending(m => m.Length))
            line = line.Replace(mask, "***", StringComparison.Ordinal);
        return line;
    }

    private Dictionary<string, string> Environment(OrderedMap env, Dictionary<string, string> commands, WorkflowStep step, List<string> path)
    {
        // What the machine gives every process (PATH, HOME, the SDK's variables), without a runner's or a test's own.
        var environment = System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => ((string)e.Key, e.Value as string ?? ""))
            .Where(e => !e.Item1.StartsWith("GITHUB_", StringComparison.Ordinal) && !e.Item1.StartsWith("RUNNER_", StringComparison.Ordinal)
                && !e.Item1.StartsWith("ACTIONS_", StringComparison.Ordinal) && !NotInherited.Contains(e.Item1))
            .ToDictionary(e => e.Item1, e => e.Item2);
        foreach (var (key, value) in settings.Event.Variables)
            environment[key] = value;
        var github = (OrderedMap)contexts["github"]!;
        var runner = (OrderedMap)contexts["runner"]!;
        environment["GITHUB_JOB"] = job.Id;
        environment["GITHUB_WORKSPACE"] = Workspace;
        environment["GITHUB_WORKFLOW"] = ExpressionValues.ToText(github["workflow"]);
        environment["GITHUB_RUN_ID"] = ExpressionValues.ToText(github["run_id"]);
        environment["GITHUB_RUN_NUMBER"] = ExpressionValues.ToText(github["run_number"]);
        environment["GITHUB_RUN_ATTEMPT"] = ExpressionValues.ToText(github["run_attempt"]);
        environment["GITHUB_ACTION"] = step.Id ?? $"__run_{step.Index.ToString(CultureInfo.InvariantCulture)}";
        environment["RUNNER_OS"] = "Linux";
        environment["RUNNER_ARCH"] = ExpressionValues.ToText(runner["arch"]);
        environment["RUNNER_TEMP"] = RunnerTemp;
        environment["RUNNER_ENVIRONMENT"] = "github-hosted";
        foreach (var (key, value) in commands)
            environment[key] = value;
        foreach (var (key, value) in env)
            environment[key] = ExpressionValues.ToText(value);
        if (path.Count > 0)
            environment["PATH"] = string.Join(':', path.Append(environment.GetValueOrDefault("PATH") ?? ""));
        return environment;
    }

    /// <summary>An env: mapping evaluated on top of <paramref name="below"/>, which the env context shows while it is evaluated.</summary>
    private OrderedMap Evaluated(OrderedMap env, OrderedMap below)
    {
        var result = new OrderedMap(below.Select(p => (p.Key, p.Value)));
        var scope = new ExpressionScope(new OrderedMap([.. contexts.Select(p => (p.Key, p.Key == "env" ? below : p.Value))]), Workspace: Workspace);
        foreach (var (key, value) in env)
            result[key] = Interpolation.Expand(value as string, scope);
        return result;
    }

    private static TimeSpan Minutes(string? text, ExpressionScope scope, double otherwise)
    {
        if (text is null)
            return TimeSpan.FromMinutes(otherwise);
        var value = ExpressionValues.ToNumber(Interpolation.Value(text, scope));
        return double.IsNaN(value) || value <= 0 ? throw new WorkflowException($"timeout-minutes '{text}' is not a number of minutes.") : TimeSpan.FromMinutes(value);
    }

    private void Log(string line)
    {
        lock (_log)
            _log.Add(line);
    }
}
