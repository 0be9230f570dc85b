using Keel.Execution;
using Keel.Tests.Support;
using Keel.Tooling;

namespace Keel.Tests.Targets;

/// <summary>How targets are declared: properties, component interfaces, requirements, static conditions.</summary>
public class DeclarationTests
{
    private interface IGreet : IKeelBuild
    {
        List<string> Greetings { get; }

        string Greeting => "hello";

        Target Greet => _ => _.Executes(() => Greetings.Add(Greeting));
    }

    private interface IFarewell : IGreet
    {
        Target Farewell => _ => _.DependsOn(Greet).Executes(() => Greetings.Add("bye"));
    }

    private sealed class Components : KeelBuild, IFarewell
    {
        public List<string> Greetings { get; } = [];

        // Changes a component's setting without a cast: an implicit implementation replaces the default.
        public string Greeting => "hi";

        Target Wave => _ => _
            .DependsOn<IFarewell>(x => x.Farewell)
            .Executes(() => Greetings.Add("wave"));
    }

    [Fact]
    public void ComponentTargetsAreFoundAndTheirSettingsChangeWithoutCasts()
    {
        var outcome = TestBuild.Run<Components>(["Wave"]);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(["Greet", "Farewell", "Wave"], outcome.Ran);
        Assert.Equal(["hi", "bye", "wave"], ((Components)outcome.Session!.Build).Greetings);
    }

    private interface IShip : IKeelBuild
    {
        List<string> Shipped { get; }

        // Waits for the greeting and the farewell only in builds that have them.
        Target Ship => _ => _
            .TryDependsOn<IGreet>(x => x.Greet)
            .TryAfter<IFarewell>(x => x.Farewell)
            .Executes(() => Shipped.Add("ship"));
    }

    private sealed class ShipOnly : KeelBuild, IShip
    {
        public List<string> Shipped { get; } = [];
    }

    private sealed class ShipAfterGreeting : KeelBuild, IShip, IFarewell
    {
        public List<string> Shipped => Greetings;

        public List<string> Greetings { get; } = [];

        Target Leave => _ => _.DependsOn<IFarewell>(x => x.Farewell).DependsOn<IShip>(x => x.Ship);
    }

    [Fact]
    public void AComponentWaitsForAnotherComponentsTargetOnlyInBuildsThatHaveIt()
    {
        var alone = TestBuild.Run<ShipOnly>(["Ship"]);
        var together = TestBuild.Run<ShipAfterGreeting>(["Leave"]);

        Assert.True(alone.ExitCode == 0, alone.Output);
        Assert.Equal(["Ship"], alone.Ran);
        Assert.True(together.ExitCode == 0, together.Output);
        Assert.Equal(["Greet", "Farewell", "Ship", "Leave"], together.Ran);
    }

    private sealed class Guarded : KeelBuild
    {
        public bool Ran { get; private set; }

        [Parameter("Image to push")]
        readonly string? ImageName;

        [Parameter]
        readonly int Replicas;

        [Parameter]
        readonly bool OnServer;

        Target Prepare => _ => _.Executes(() => Ran = true);

        Target Push => _ => _
            .DependsOn(Prepare)
            .Requires(() => ImageName)
            .Requires(() => Replicas > 0)
            .Executes(() => Ran = true);

        Target Deploy => _ => _
            .OnlyWhenStatic(() => OnServer)
            .DependsOn(Prepare)
            .Executes(() => Ran = true);
    }

    [Fact]
    public void RequirementsAreCheckedForTheWholePlanBeforeAnythingRuns()
    {
        var outcome = TestBuild.Run<Guarded>(["Push"]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.False(((Guarded)outcome.Session!.Build).Ran);
        Assert.Contains("Target Push requires parameter ImageName: pass --image-name <value>, set IMAGE_NAME, or add \"ImageName\" to .nuke/parameters.json.", outcome.Output);
        Assert.Contains("Target Push requires 'Replicas > 0', which is false.", outcome.Output);
    }

    [Fact]
    public void MetRequirementsLetTheBuildRun()
    {
        var outcome = TestBuild.Run<Guarded>(["Push", "--image-name", "shop", "--replicas", "2"]);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(["Prepare", "Push"], outcome.Ran);
    }

    [Fact]
    public void AFalseStaticConditionSkipsTheTargetAndItsDependencies()
    {
        var outcome = TestBuild.Run<Guarded>(["Deploy"]);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Empty(outcome.Ran);
        Assert.Equal("OnServer", outcome["Deploy"].Reason);
        Assert.Equal(TargetStatus.Skipped, outcome["Prepare"].Status);
    }

    private sealed class Cyclic : KeelBuild
    {
        Target A => _ => _.DependsOn(B);

        Target B => _ => _.After(A);
    }

    private sealed class ConsumesNothing : KeelBuild
    {
        Target Pack => _ => _.Executes(() => { });

        Target Announce => _ => _.Consumes(Pack).Executes(() => { });
    }

    [Fact]
    public void ConsumingATargetThatProducesNothingFailsWithOneLineNamingBoth()
    {
        var outcome = TestBuild.Run<ConsumesNothing>(["Announce"]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("Target 'Announce' consumes 'Pack', which produces nothing; declare its folders with .Produces(\"...\") or drop .Consumes.", outcome.Output);
        Assert.DoesNotContain("   at ", outcome.Output);
    }

    [Fact]
    public void ACycleEndsTheBuildWithOneLineNamingIt()
    {
        var outcome = TestBuild.Run<Cyclic>(["A"]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("ERR The targets depend on each other in a cycle: A -> B -> A. Remove one of these edges.", outcome.Output);
    }
}
