using System.Reflection;
using Keel.Extensions;
using Keel.Lifecycle;

namespace Keel.GitHubActions;

/// <summary>
/// Writes .github/workflows from the build's [GitHubActions] attributes: <c>--generate-configuration</c> writes
/// them all (or the named ones) and stops; a local build rewrites out-of-date ones and says so. CI never writes.
/// </summary>
internal sealed class WorkflowExtension : IBuildExtension
{
    public int Order => ExtensionOrder.Generators;

    public const string Option = "generate-configuration";

    public IEnumerable<ExtensionOption> Options =>
        [new(Option, "[workflow ...]", "Write .github/workflows from the build's [GitHubActions] attributes (all, or the named ones), then stop.")];

    public int? OnBuildCreated(BuildSession session)
    {
        var requested = session.Invocation.Find(Option);
        // A local run checks the stamp first: reading the attributes costs more than the check, and is only needed
        // when something changed. CI never writes.
        if (requested is null && (!KeelBuild.IsLocalBuild || GenerationStamp.IsCurrent(session, "workflows")))
            return null;

        var attributes = session.Build.GetType().GetCustomAttributes<GitHubActionsAttribute>().ToList();
        if (attributes.Count == 0)
        {
            if (requested is null)
                return null;
            session.Log.Error("The build has no [GitHubActions] attributes, so there is nothing to generate; add one to the build class.");
            return 1;
        }

        var context = new Lazy<WorkflowContext>(() => Context(session));
        if (requested is not null)
        {
            var unknown = requested.Values.Where(name => attributes.All(a => a.Name != name)).ToList();
            if (unknown.Count > 0)
                throw new BuildException($"--generate-configuration names '{unknown[0]}', which is not a workflow of the build; known: {string.Join(", ", attributes.Select(a => a.Name))}.");
            foreach (var attribute in attributes.Where(a => requested.Values.Count == 0 || requested.Values.Contains(a.Name)))
            {
                var file = Write(session, attribute, context.Value);
                session.Log.Information("Wrote {File}", file);
            }

            return 0;
        }

        var automatic = attributes.Where(a => a.AutoGenerate).ToList();
        foreach (var attribute in automatic)
        {
            var path = WorkflowFile(session, attribute.Name);
            if (GeneratedFile.Write(path, Render(attribute, context.Value)))
                session.Log.Warning("Updated {File} from the [GitHubActions] attributes; commit it.", path.RelativeTo(session.RootDirectory));
        }

        GenerationStamp.Save(session, "workflows", automatic.Select(a => WorkflowFile(session, a.Name).Value));
        return null;
    }

    /// <summary>All the workflows of a build, by file name, as the attributes generate them.</summary>
    public static IReadOnlyDictionary<string, string> RenderAll(BuildSession session)
    {
        var context = Context(session);
        return session.Build.GetType().GetCustomAttributes<GitHubActionsAttribute>()
            .ToDictionary(a => $"{a.Name}.yml", a => Render(a, context));
    }

    private static string Write(BuildSession session, GitHubActionsAttribute attribute, WorkflowContext context)
    {
        var path = WorkflowFile(session, attribute.Name);
        GeneratedFile.Write(path, Render(attribute, context));
        return path.RelativeTo(session.RootDirectory);
    }

    private static string Render(GitHubActionsAttribute attribute, WorkflowContext context) =>
        WorkflowWriter.Write(WorkflowGenerator.Generate(attribute, context), context.Source, context.Layout.UnixScript);

    private static WorkflowContext Context(BuildSession session)
    {
        var type = session.Build.GetType();
        var workflows = type.GetCustomAttributes<GitHubActionsAttribute>().Select(a => a.Name).ToList();
        var steps = type.GetCustomAttributes<GitHubActionsStepAttribute>().ToList();
        if (steps.FirstOrDefault(step => !workflows.Contains(step.Workflow)) is { } stray)
            throw new BuildException($"[GitHubActionsStep] {stray.Uses} names workflow '{stray.Workflow}', which the build does not have; known: {string.Join(", ", workflows)}.");
        var setups = type.GetCustomAttributes<GitHubActionsJobSetupAttribute>().ToList();
        if (setups.FirstOrDefault(setup => !workflows.Contains(setup.Workflow)) is { } straySetup)
            throw new BuildException($"[{straySetup.GetType().Name.Replace("Attribute", "", StringComparison.Ordinal)}] names workflow '{straySetup.Workflow}', which the build does not have; known: {string.Join(", ", workflows)}.");
        return new WorkflowContext(session.Targets, session.Parameters, UsesGitVersion(type)) { Steps = steps, Setups = setups, Layout = session.Layout };
    }

    private static bool UsesGitVersion(Type type)
    {
        const BindingFlags members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        // The build's own members, and its components' (IHazGitVersion): either way GitVersion needs the whole history.
        return type.GetFields(members).Cast<MemberInfo>().Concat(type.GetProperties(members))
            .Concat(type.GetInterfaces().SelectMany(component => component.GetProperties(members)))
            .Any(m => m.GetCustomAttribute<GitVersionAttribute>() is not null);
    }

    private static AbsolutePath WorkflowFile(BuildSession session, string name) => session.RootDirectory / ".github" / "workflows" / $"{name}.yml";
}
