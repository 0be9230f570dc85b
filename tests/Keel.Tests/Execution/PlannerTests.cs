using Keel.Execution;

namespace Keel.Tests.Execution;

/// <summary>Planning is pure: every row names a behaviour, the graph it starts from, and the plan it must give.</summary>
public class PlannerTests
{
    // Restore <- Compile <- Test <- Pack; Clean is ordered before Restore; Publish is triggered by Pack;
    // Report is dependent-for Test; Announce is ordered after Pack.
    private static readonly TargetDefinition[] Graph =
    [
        new() { Name = "Clean", Index = 0, Before = ["Restore"] },
        new() { Name = "Restore", Index = 1 },
        new() { Name = "Compile", Index = 2, DependsOn = ["Restore"] },
        new() { Name = "Report", Index = 3, DependentFor = ["Test"] },
        new() { Name = "Test", Index = 4, DependsOn = ["Compile"] },
        new() { Name = "Pack", Index = 5, DependsOn = ["Test"], Triggers = ["Publish"] },
        new() { Name = "Publish", Index = 6 },
        new() { Name = "Announce", Index = 7, After = ["Pack"], TriggeredBy = ["Publish"] },
        new() { Name = "Lint", Index = 8, DependsOn = ["Restore"] },
    ];

    public static TheoryData<string, string[], string[]?, string> Plans => new()
    {
        { "dependencies run before the targets that need them", ["Compile"], null, "Restore Compile" },
        { "names are case-insensitive", ["compile"], null, "Restore Compile" },
        { "several invoked targets share their dependencies once", ["Compile", "Lint"], null, "Restore Compile Lint" },
        { "order edges do not pull a target in", ["Restore"], null, "Restore" },
        { "order edges order targets that are planned anyway", ["Compile", "Clean"], null, "Clean Restore Compile" },
        { "dependent-for pulls the target in before its dependent", ["Test"], null, "Restore Compile Report Test" },
        { "triggers plan the triggered targets after the trigger, transitively", ["Pack"], null, "Restore Compile Report Test Pack Publish Announce" },
        { "skip alone skips every target that was not invoked", ["Test"], [], "Restore:skip Compile:skip Report:skip Test" },
        { "a skipped target's dependencies are skipped too", ["Test", "Lint"], ["Lint"], "Restore Compile Report Test Lint:skip" },
        { "skipped dependencies still run when another target needs them", ["Compile", "Lint"], ["Compile"], "Restore Compile:skip Lint" },
        { "skipping a dependency skips what only it needed", ["Test"], ["Compile"], "Restore:skip Compile:skip Report Test" },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void PlansFollowTheEdges(string behaviour, string[] invoked, string[]? skip, string expected)
    {
        var plan = Planner.Plan(new TargetGraph(Graph), invoked.Select(n => Graph.First(t => t.Name.Equals(n, StringComparison.OrdinalIgnoreCase)).Name).ToList(), skip, _ => null);

        Assert.True(expected == Render(plan), $"{behaviour}: expected '{expected}', got '{Render(plan)}'");
    }

    [Fact]
    public void StaticConditionsSkipTheTargetAndItsDependenciesWithTheConditionAsReason()
    {
        var plan = Planner.Plan(new TargetGraph(Graph), ["Test", "Lint"], null, t => t.Name == "Compile" ? "IsServerBuild" : null);

        Assert.Equal("Restore Compile:skip Report Test Lint", Render(plan));
        Assert.Equal("IsServerBuild", plan.Steps.Single(s => s.Name == "Compile").SkipReason);
        Assert.Equal(Planner.SkippedByRequest, Planner.Plan(new TargetGraph(Graph), ["Test"], ["Compile"], _ => null).Steps.Single(s => s.Name == "Compile").SkipReason);
    }

    [Fact]
    public void WhenSkippedExecuteKeepsTheDependenciesOfAConditionallySkippedTarget()
    {
        TargetDefinition[] graph =
        [
            new() { Name = "Restore", Index = 0 },
            new() { Name = "Compile", Index = 1, DependsOn = ["Restore"], WhenSkipped = DependencyBehavior.Execute },
        ];

        var plan = Planner.Plan(new TargetGraph(graph), ["Compile"], null, t => t.Name == "Compile" ? "false" : null);

        Assert.Equal("Restore Compile:skip", Render(plan));
    }

    [Fact]
    public void TiesGoToTheTargetDeclaredFirst()
    {
        TargetDefinition[] graph =
        [
            new() { Name = "B", Index = 0 },
            new() { Name = "A", Index = 1 },
            new() { Name = "C", Index = 2, DependsOn = ["A", "B"] },
        ];

        Assert.Equal("B A C", Render(Planner.Plan(new TargetGraph(graph), ["C"], null, _ => null)));
    }

    // Target definitions are the engine's own (internal) type: the theory is keyed by behaviour, the cases live here.
    private static readonly Dictionary<string, (TargetDefinition[] Graph, string Cycle)> CycleCases = new()
    {
        ["depends-on cycle"] = (
            [new() { Name = "A", Index = 0, DependsOn = ["C"] }, new() { Name = "B", Index = 1, DependsOn = ["A"] }, new() { Name = "C", Index = 2, DependsOn = ["B"] }],
            "A -> B -> C -> A"),
        ["order and trigger edges count too"] = (
            [new() { Name = "A", Index = 0, Triggers = ["B"] }, new() { Name = "B", Index = 1, Before = ["A"] }],
            "A -> B -> A"),
        ["a target that depends on itself"] = (
            [new() { Name = "A", Index = 0, DependsOn = ["A"] }],
            "A -> A"),
    };

    public static TheoryData<string> Cycles => [.. CycleCases.Keys];

    [Theory]
    [MemberData(nameof(Cycles))]
    public void ACycleFailsAndIsNamed(string behaviour)
    {
        var (graph, cycle) = CycleCases[behaviour];
        var error = Assert.Throws<BuildException>(() => Planner.Plan(new TargetGraph(graph), [graph[0].Name], null, _ => null));

        Assert.True(error.Message.Contains(cycle, StringComparison.Ordinal), $"{behaviour}: {error.Message}");
    }

    private static string Render(ExecutionPlan plan) =>
        string.Join(' ', plan.Steps.Select(s => s.SkipReason is null ? s.Name : s.Name + ":skip"));
}
