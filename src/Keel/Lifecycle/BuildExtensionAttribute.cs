using Keel.Execution;

namespace Keel.Lifecycle;

/// <summary>
/// An extension a build adds by putting an attribute on its class (<c>[MyReport] partial class Build</c>) or on one of
/// its members; override the events it hears. Each run gets fresh instances, so an extension may keep the run's
/// state in its fields.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = true)]
public abstract class BuildExtensionAttribute : Attribute, IBuildExtension
{
    /// <inheritdoc cref="IBuildExtension.Order"/>
    public int Order { get; init; } = ExtensionOrder.Default;

    /// <inheritdoc cref="IBuildExtension.Options"/>
    public virtual IEnumerable<ExtensionOption> Options => [];

    /// <inheritdoc cref="IBuildExtension.OnBuildCreated"/>
    public virtual int? OnBuildCreated(BuildSession session) => null;

    /// <inheritdoc cref="IBuildExtension.OnBuildInitialized"/>
    public virtual int? OnBuildInitialized(BuildSession session) => null;

    /// <inheritdoc cref="IBuildExtension.OnTargetRunning"/>
    public virtual void OnTargetRunning(BuildSession session, TargetRun run)
    {
    }

    /// <inheritdoc cref="IBuildExtension.OnTargetFinished"/>
    public virtual void OnTargetFinished(BuildSession session, TargetRun run)
    {
    }

    /// <inheritdoc cref="IBuildExtension.OnBuildFinished"/>
    public virtual void OnBuildFinished(BuildSession session, RunRecord record)
    {
    }

    /// <inheritdoc cref="IBuildExtension.SummarySections"/>
    public virtual IEnumerable<SummarySection> SummarySections(BuildSession session) => [];
}
