using Keel.Execution;
using Keel.Lifecycle;

namespace Keel.GitHubActions;

/// <summary>
/// The build on a GitHub Actions runner (the run's host is <see cref="GitHubActions"/>): secrets masked before anything can print them, one
/// log group per target, warnings and errors as annotations, reported values in $GITHUB_OUTPUT, and a Markdown
/// summary in $GITHUB_STEP_SUMMARY.
/// </summary>
internal sealed class GitHubActionsHost : IBuildExtension
{
    public int Order => ExtensionOrder.Host;

    public int? OnBuildCreated(BuildSession session)
    {
        if (!IsActive(session))
            return null;

        var console = session.Logger.Console;
        void Write(string line)
        {
            lock (console.Out)
                console.Out.WriteLine(line);
        }

        foreach (var secret in session.Redactor.Secrets)
            Write(WorkflowCommands.Mask(secret));
        session.Redactor.SecretAdded += secret => Write(WorkflowCommands.Mask(secret));
        session.Logger.AddSink(new AnnotationSink(console));

        if (session.Services.Environment.GetValueOrDefault("GITHUB_OUTPUT") is { Length: > 0 } outputFile)
            session.Build.Outputs.Set += (name, value) => File.AppendAllText(outputFile, WorkflowCommands.Output(name, value));
        return null;
    }

    public void OnTargetRunning(BuildSession session, TargetRun run)
    {
        if (IsActive(session))
            session.Logger.Console.Out.WriteLine(WorkflowCommands.Group(run.Name));
    }

    public void OnTargetFinished(BuildSession session, TargetRun run)
    {
        if (IsActive(session) && run.Status is TargetStatus.Succeeded or TargetStatus.Failed or TargetStatus.Aborted or TargetStatus.Collective)
            session.Logger.Console.Out.WriteLine(WorkflowCommands.EndGroup);
    }

    public void OnBuildFinished(BuildSession session, RunRecord record)
    {
        if (IsActive(session) && session.Services.Environment.GetValueOrDefault("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
            File.AppendAllText(summary, session.Redactor.Redact(StepSummary.Render(record, [.. session.Build.Outputs.Sections, .. session.Extensions.SelectMany(e => e.SummarySections(session))])));
    }

    private static bool IsActive(BuildSession session) => session.Host.Kind == HostKind.GitHubActions;
}
