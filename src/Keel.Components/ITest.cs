using Keel.Tooling;

namespace Keel.Components;

/// <summary>
/// Test: <c>dotnet test</c> of each of <see cref="TestProjects"/> (the solution unless the build says otherwise),
/// results under .nuke/temp/test-results. Change the command through <see cref="TestSettings"/>.
/// </summary>
public interface ITest : ICompile
{
    Configure<DotNetTestSettings> TestSettings => settings => settings;

    /// <summary>What Test runs: the solution, or the app's own test projects when the solution holds more.</summary>
    IEnumerable<AbsolutePath> TestProjects => [Solution];

    AbsolutePath TestResultsDirectory => TemporaryDirectory / "test-results";

    Target Test => _ => _
        .Description("Runs the tests.")
        .DependsOn(Compile)
        .Produces(".nuke/temp/test-results")
        .Executes(() =>
        {
            foreach (var project in TestProjects)
            {
                DotNet.Test(s => TestSettings(s
                    .SetProject(project)
                    .SetConfiguration(Configuration)
                    .EnableNoRestore()
                    .EnableNoBuild()
                    .SetResultsDirectory(TestResultsDirectory)
                    .AddLogger("trx")));
            }
        });
}
