namespace EndToEnd.Tests.Workflows;

/// <summary>
/// A GitHub Actions workflow file, read as GitHub reads it: its triggers, env, permissions and jobs in file order.
/// A part the harness does not run (services, containers, reusable workflows, ...) is refused when the file is read,
/// in one line, so a workflow cannot use it untested.
/// </summary>
public sealed record Workflow(string Source, string? Name, object? On, OrderedMap Env, OrderedMap Permissions, IReadOnlyList<WorkflowJob> Jobs,
    string? WorkingDirectory, string? Shell)
{
    public static Workflow Load(string path) => Parse(File.ReadAllText(path), path);

    public static Workflow Parse(string yaml, string source = "workflow.yml")
    {
        try
        {
            var map = WorkflowNodes.Map(YamlTree.Parse(yaml), source);
            WorkflowNodes.OnlyKeys(map, source, "name", "run-name", "on", "permissions", "concurrency", "env", "jobs", "defaults");
            var jobs = WorkflowNodes.Map(map.GetValueOrDefault("jobs"), $"{source}: jobs");
            if (jobs.Count == 0)
                throw new WorkflowException("a workflow needs at least one job.");
            var defaults = WorkflowNodes.Map(WorkflowNodes.Map(map.GetValueOrDefault("defaults"), "defaults").GetValueOrDefault("run"), "defaults.run");
            WorkflowNodes.OnlyKeys(defaults, "defaults.run", "shell", "working-directory");
            var workflow = new Workflow(source, WorkflowNodes.Text(map, "name"), map.GetValueOrDefault("on") ?? throw new WorkflowException("a workflow needs 'on'."),
                WorkflowNodes.Map(map.GetValueOrDefault("env"), "env"), WorkflowJob.PermissionsOf(map.GetValueOrDefault("permissions"), "workflow"),
                [.. jobs.Select(job => WorkflowJob.From(job.Key, job.Value))], WorkflowNodes.Text(defaults, "working-directory"), WorkflowNodes.Text(defaults, "shell"));
            foreach (var job in workflow.Jobs)
            {
                foreach (var need in job.Needs.Where(need => workflow.Jobs.All(other => other.Id != need)))
                    throw new WorkflowException($"jobs.{job.Id}.needs names '{need}', which is no job of this workflow.");
            }

            return workflow;
        }
        catch (WorkflowException e)
        {
            throw new WorkflowException($"{source}: {e.Message}");
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new WorkflowException($"{source}: not YAML ({e.Message}).");
        }
    }

    /// <summary>The same workflow with one workflow-level env value replaced (a test's stand-in for ghcr.io, say).</summary>
    public Workflow WithEnv(string name, string value)
    {
        if (!Env.ContainsKey(name))
            throw new WorkflowException($"{Source}: env has no {name} to replace.");
        return this with { Env = new OrderedMap(Env.Select(pair => (pair.Key, pair.Key == name ? value : pair.Value))) };
    }

    /// <summary>The job a needs: names.</summary>
    public WorkflowJob Job(string id) => Jobs.Single(job => job.Id == id);
}
