using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Keel;

/// <summary>The fluent vocabulary for declaring a target.</summary>
public interface ITargetDefinition
{
    ITargetDefinition Description(string description);

    ITargetDefinition Executes(Action action);

    ITargetDefinition Executes(Func<Task> action);

    ITargetDefinition Executes(Func<CancellationToken, Task> action);

    /// <summary>An action that takes its target's context: the cancellation token, name, log, processes and up-to-date work it runs with.</summary>
    ITargetDefinition Executes(Action<TargetContext> action);

    /// <summary>An awaited action that takes its target's context: <c>.Executes(async context =&gt; await ...(context.CancellationToken))</c>.</summary>
    ITargetDefinition Executes(Func<TargetContext, Task> action);

    /// <summary>These targets run before this one, and are planned whenever this one is.</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>This target runs before those, and is planned whenever they are.</summary>
    ITargetDefinition DependentFor(params Target[] targets);

    /// <summary>Order only: when both are planned, this one runs first.</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>Order only: when both are planned, those run first.</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>When this target is planned, those are planned too and run after it.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>When any of those is planned, this one is planned too and runs after it.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>Like <see cref="DependsOn(Target[])"/>, for targets of a component: <c>DependsOn&lt;IPublish&gt;(x => x.Publish)</c>.</summary>
    ITargetDefinition DependsOn<TComponent>(params Func<TComponent, Target>[] targets);

    ITargetDefinition DependentFor<TComponent>(params Func<TComponent, Target>[] targets);

    ITargetDefinition Before<TComponent>(params Func<TComponent, Target>[] targets);

    ITargetDefinition After<TComponent>(params Func<TComponent, Target>[] targets);

    ITargetDefinition Triggers<TComponent>(params Func<TComponent, Target>[] targets);

    ITargetDefinition TriggeredBy<TComponent>(params Func<TComponent, Target>[] targets);

    /// <summary>
    /// Like <see cref="DependsOn{TComponent}"/>, when the build implements the component; nothing otherwise. A component's
    /// target waits for another component's this way: <c>TryDependsOn&lt;ITest&gt;(x => x.Test)</c> runs the tests first
    /// in a build that has them.
    /// </summary>
    ITargetDefinition TryDependsOn<TComponent>(params Func<TComponent, Target>[] targets);

    /// <summary>Like <see cref="After{TComponent}"/>, when the build implements the component; nothing otherwise.</summary>
    ITargetDefinition TryAfter<TComponent>(params Func<TComponent, Target>[] targets);

    /// <summary>Like <see cref="Before{TComponent}"/>, when the build implements the component; nothing otherwise.</summary>
    ITargetDefinition TryBefore<TComponent>(params Func<TComponent, Target>[] targets);

    /// <summary>Like <see cref="Triggers{TComponent}"/>, when the build implements the component; nothing otherwise.</summary>
    ITargetDefinition TryTriggers<TComponent>(params Func<TComponent, Target>[] targets);

    /// <summary>Evaluated once before anything runs; when false the target is skipped.</summary>
    ITargetDefinition OnlyWhenStatic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string text = "");

    /// <summary>Evaluated right before the target runs; when false the target is skipped.</summary>
    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string text = "");

    /// <summary>The named parameter must have a value; checked for the whole plan before any target runs.</summary>
    ITargetDefinition Requires<T>(Expression<Func<T?>> parameter)
        where T : class;

    /// <summary>The named parameter must have a value; checked for the whole plan before any target runs.</summary>
    ITargetDefinition Requires<T>(Expression<Func<T?>> parameter)
        where T : struct;

    /// <summary>
    /// The condition must hold; checked for the whole plan before any target runs. The error quotes the condition,
    /// or says what is needed when <paramref name="text"/> is given: <c>Requires(() => HasPassword, "a password: pass --password")</c>.
    /// </summary>
    ITargetDefinition Requires(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string text = "");

    /// <summary>What happens to dependencies when a static condition skips this target.</summary>
    ITargetDefinition WhenSkipped(DependencyBehavior behavior);

    /// <summary>A failure of this target does not stop targets that do not depend on it.</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>This target runs even after a failure or a cancellation.</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>Hidden from help, the schema and the IDE launch profiles.</summary>
    ITargetDefinition Unlisted();

    /// <summary>Folders (relative to the root) this target leaves behind for others: CI uploads them as artifacts.</summary>
    ITargetDefinition Produces(params string[] directories);

    /// <summary>
    /// This target reads what these targets produce. In a workflow with a job per target, a job downloads the
    /// artifacts of the targets its own targets consume, when an earlier job ran them; nothing else.
    /// </summary>
    ITargetDefinition Consumes(params Target[] targets);

    /// <inheritdoc cref="Consumes(Target[])"/>
    ITargetDefinition Consumes<TComponent>(params Func<TComponent, Target>[] targets);

    /// <summary>
    /// Files this target reads: paths, folders (everything under them but bin, obj and .git) and globs
    /// (<c>src/**/*.cs</c>), relative to the root. A target with inputs is skipped as up to date while its inputs,
    /// its input values and what the targets it depends on wrote are as at its last success, and its outputs are still
    /// as it left them. A target that declares no inputs always runs.
    /// </summary>
    ITargetDefinition Inputs(params string[] patterns);

    /// <inheritdoc cref="Inputs(string[])"/>
    ITargetDefinition Inputs(Func<IEnumerable<string>> patterns);

    /// <summary>A value the target's result depends on: a parameter, a tool's version, an environment variable, a command line.</summary>
    ITargetDefinition InputValue(string name, Func<object?> value);

    /// <summary>Files, folders and globs this target writes: missing or changed outputs make it run again.</summary>
    ITargetDefinition Outputs(params string[] patterns);

    /// <inheritdoc cref="Outputs(string[])"/>
    ITargetDefinition Outputs(Func<IEnumerable<string>> patterns);

    /// <summary>A value that stands for what the target made outside the files (an image's id): when it changes, the target runs again.</summary>
    ITargetDefinition OutputValue(string name, Func<object?> value);

    /// <summary>
    /// A note <c>--plan</c> prints under the target when it would run (what it would pull, stand in, publish): evaluated
    /// only for the plan, and it must change nothing. Null or empty: no note.
    /// </summary>
    ITargetDefinition PlanNote(Func<string?> note);
}
