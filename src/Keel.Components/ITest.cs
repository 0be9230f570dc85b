using Keel.Tooling;

namespace Keel.Components;

/// <summary>
/// Test: <c>dotnet test</c> of each of <see cref="TestProjects"/> (the solution's test projects unless the build says
/// otherwise), results under .nuke/temp/test-results. A test project whose sources (and those of everything it
/// references), configuration and command are as at its last passing run is not run again; a failing run is never
/// recorded. Change the command through <see cref="TestSettings"/>.
/// </summary>
public interface ITest : ICompile
{
    Configure<DotNetTestSettings> TestSettings => settings => settings;

    /// <summary>What Test runs: the solution's test projects, or the app's own test projects when the solution holds more.</summary>
    IEnumerable<AbsolutePath> TestProjects => [Solution];

    AbsolutePath TestResultsDirectory => TemporaryDirectory / "test-results";

    Target Test => _ => _
        .Description("Runs the tests.")
        .DependsOn(Compile)
        .Produces(".nuke/temp/test-results")
        .Inputs(() => IncrementalInputs.TestProjects(this).SelectMany(p => IncrementalInputs.Sources(this, p)).Distinct())
        .InputValue("command", () => IncrementalInputs.Command(TestCommand(this, null)))
        .InputValue("compile", () => IncrementalInputs.CompileCommand(this))
        .InputValue("sdk", () => DotNet.SdkVersion)
        .Executes(context => IncrementalInputs.Test(this, context.Incremental, project => TestCommand(this, project)));

    private static DotNetTestSettings TestCommand(ITest build, AbsolutePath? project) => build.TestSettings(new DotNetTestSettings()
        .SetProject(project?.Value)
        .SetConfiguration(build.Configuration)
        .EnableNoRestore()
        .EnableNoBuild()
        .SetResultsDirectory(build.TestResultsDirectory)
        .AddLogger("trx"));
}
