using System.Linq.Expressions;
using System.Reflection;

namespace Keel;

/// <summary>Collects a target's declaration; <see cref="Freeze"/> turns it into an immutable definition.</summary>
internal sealed class TargetDefinitionBuilder(string name, object build) : ITargetDefinition
{
    private readonly List<Func<TargetContext, Task>> _actions = [];
    private readonly List<Target> _dependsOn = [], _dependentFor = [], _before = [], _after = [], _triggers = [], _triggeredBy = [], _consumes = [];
    private readonly List<Condition> _static = [], _dynamic = [];
    private readonly List<Requirement> _requirements = [];
    private readonly List<string> _produces = [];
    private readonly List<Func<string?>> _planNotes = [];
    private readonly List<Func<IEnumerable<string>>> _inputs = [], _outputs = [];
    private readonly List<(string, Func<object?>)> _values = [], _outputValues = [];
    private string? _description;
    private DependencyBehavior _whenSkipped = DependencyBehavior.Skip;
    private bool _proceed, _assured, _unlisted;

    public string Name { get; } = name;

    public ITargetDefinition Description(string description) => Set(() => _description = description);

    public ITargetDefinition Executes(Action action) => Set(() => _actions.Add(_ => { action(); return Task.CompletedTask; }));

    public ITargetDefinition Executes(Func<Task> action) => Set(() => _actions.Add(_ => action()));

    public ITargetDefinition Executes(Func<CancellationToken, Task> action) => Set(() => _actions.Add(context => action(context.CancellationToken)));

    public ITargetDefinition Executes(Action<TargetContext> action) => Set(() => _actions.Add(context => { action(context); return Task.CompletedTask; }));

    public ITargetDefinition Executes(Func<TargetContext, Task> action) => Set(() => _actions.Add(action));

    public ITargetDefinition DependsOn(params Target[] targets) => Set(() => _dependsOn.AddRange(targets));

    public ITargetDefinition DependentFor(params Target[] targets) => Set(() => _dependentFor.AddRange(targets));

    public ITargetDefinition DependsOn<TComponent>(params Func<TComponent, Target>[] targets) => DependsOn(Select(targets));

    public ITargetDefinition DependentFor<TComponent>(params Func<TComponent, Target>[] targets) => DependentFor(Select(targets));

    public ITargetDefinition Triggers<TComponent>(params Func<TComponent, Target>[] targets) => Triggers(Select(targets));

    public ITargetDefinition TriggeredBy<TComponent>(params Func<TComponent, Target>[] targets) => TriggeredBy(Select(targets));

    public ITargetDefinition Before<TComponent>(params Func<TComponent, Target>[] targets) => Before(Select(targets));

    public ITargetDefinition After<TComponent>(params Func<TComponent, Target>[] targets) => After(Select(targets));

    public ITargetDefinition TryDependsOn<TComponent>(params Func<TComponent, Target>[] targets) => DependsOn(TrySelect(targets));

    public ITargetDefinition TryAfter<TComponent>(params Func<TComponent, Target>[] targets) => After(TrySelect(targets));

    public ITargetDefinition TryBefore<TComponent>(params Func<TComponent, Target>[] targets) => Before(TrySelect(targets));

    public ITargetDefinition TryTriggers<TComponent>(params Func<TComponent, Target>[] targets) => Triggers(TrySelect(targets));

    public ITargetDefinition Before(params Target[] targets) => Set(() => _before.AddRange(targets));

    public ITargetDefinition After(params Target[] targets) => Set(() => _after.AddRange(targets));

    public ITargetDefinition Triggers(params Target[] targets) => Set(() => _triggers.AddRange(targets));

    public ITargetDefinition TriggeredBy(params Target[] targets) => Set(() => _triggeredBy.AddRange(targets));

    public ITargetDefinition OnlyWhenStatic(Func<bool> condition, string text = "") =>
        Set(() => _static.Add(new Condition(condition, ConditionText.Clean(text))));

    public ITargetDefinition OnlyWhenDynamic(Func<bool> condition, string text = "") =>
        Set(() => _dynamic.Add(new Condition(condition, ConditionText.Clean(text))));

    public ITargetDefinition Requires<T>(Expression<Func<T?>> parameter)
        where T : class => Set(() => _requirements.Add(ToRequirement(parameter.Body, parameter)));

    public ITargetDefinition Requires<T>(Expression<Func<T?>> parameter)
        where T : struct => Set(() => _requirements.Add(ToRequirement(parameter.Body, parameter)));

    public ITargetDefinition Requires(Func<bool> condition, string text = "") =>
        Set(() => _requirements.Add(new ConditionRequirement(new Condition(condition, ConditionText.Clean(text)), IsExplanation: !text.Contains("=>", StringComparison.Ordinal))));

    public ITargetDefinition WhenSkipped(DependencyBehavior behavior) => Set(() => _whenSkipped = behavior);

    public ITargetDefinition ProceedAfterFailure() => Set(() => _proceed = true);

    public ITargetDefinition AssuredAfterFailure() => Set(() => _assured = true);

    public ITargetDefinition Unlisted() => Set(() => _unlisted = true);

    public ITargetDefinition Produces(params string[] directories) => Set(() => _produces.AddRange(directories));

    public ITargetDefinition Consumes(params Target[] targets) => Set(() => _consumes.AddRange(targets));

    public ITargetDefinition Consumes<TComponent>(params Func<TComponent, Target>[] targets) => Consumes(Select(targets));

    public ITargetDefinition Inputs(params string[] patterns) => Set(() => _inputs.Add(() => patterns));

    public ITargetDefinition Inputs(Func<IEnumerable<string>> patterns) => Set(() => _inputs.Add(patterns));

    public ITargetDefinition InputValue(string name, Func<object?> value) => Set(() => _values.Add((name, value)));

    public ITargetDefinition Outputs(params string[] patterns) => Set(() => _outputs.Add(() => patterns));

    public ITargetDefinition Outputs(Func<IEnumerable<string>> patterns) => Set(() => _outputs.Add(patterns));

    public ITargetDefinition OutputValue(string name, Func<object?> value) => Set(() => _outputValues.Add((name, value)));

    public ITargetDefinition PlanNote(Func<string?> note) => Set(() => _planNotes.Add(note));

    public TargetDefinition Freeze(int index, bool isDefault, Func<Target, string> nameOf) => new()
    {
        Name = Name,
        Index = index,
        Description = _description,
        Actions = [.. _actions],
        DependsOn = Names(_dependsOn, nameOf),
        DependentFor = Names(_dependentFor, nameOf),
        Before = Names(_before, nameOf),
        After = Names(_after, nameOf),
        Triggers = Names(_triggers, nameOf),
        TriggeredBy = Names(_triggeredBy, nameOf),
        StaticConditions = [.. _static],
        DynamicConditions = [.. _dynamic],
        Requirements = [.. _requirements],
        WhenSkipped = _whenSkipped,
        ProceedAfterFailure = _proceed,
        AssuredAfterFailure = _assured,
        Unlisted = _unlisted,
        Produces = [.. _produces],
        Consumes = Names(_consumes, nameOf),
        IsDefault = isDefault,
        PlanNotes = [.. _planNotes],
        Incremental = _inputs.Count + _values.Count + _outputs.Count + _outputValues.Count == 0 ? null : new Incremental.IncrementalDeclaration
        {
            Inputs = [.. _inputs],
            Values = [.. _values],
            Outputs = [.. _outputs],
            OutputValues = [.. _outputValues],
        },
    };

    private static string[] Names(List<Target> targets, Func<Target, string> nameOf) =>
        [.. targets.Select(nameOf).Distinct(StringComparer.OrdinalIgnoreCase)];

    private Target[] Select<TComponent>(Func<TComponent, Target>[] selectors) =>
        build is TComponent component
            ? [.. selectors.Select(select => select(component))]
            : throw new BuildException($"Target '{Name}' refers to a target of {typeof(TComponent).Name}, which the build does not implement.");

    private Target[] TrySelect<TComponent>(Func<TComponent, Target>[] selectors) =>
        build is TComponent component ? [.. selectors.Select(select => select(component))] : [];

    private ITargetDefinition Set(Action change)
    {
        change();
        return this;
    }

    private static Requirement ToRequirement(Expression body, LambdaExpression lambda)
    {
        while (body is UnaryExpression { NodeType: ExpressionType.Convert } convert)
            body = convert.Operand;
        if (body is not MemberExpression { Member: FieldInfo or PropertyInfo } member)
            throw new ArgumentException($"Requires(() => ...) takes a field or property of the build, not '{lambda.Body}'.");
        var read = lambda.Compile(preferInterpretation: true);
        return new ParameterRequirement(member.Member, () => read.DynamicInvoke());
    }
}
