using Keel.Tooling;

namespace Keel.Components;

/// <summary>Test: <c>dotnet test</c> of the solution, results under .nuke/temp/test-results. Change it through <see cref="TestSettings"/>.</summary>
public interface ITest : ICompile
{
    Configure<DotNetTestSettings> TestSettings => settings => settings;

    AbsolutePath TestResultsDirectory => TemporaryDirectory / "test-results";

    Target Test => _ => _
        .Description("Runs the tests.")
        .DependsOn(Compile)
        .Produces(".nuke/temp/test-results")
        .Executes(() => DotNet.Test(s => TestSettings(s
            .SetProject(Solution)
            .SetConfiguration(Configuration)
            .EnableNoRestore()
            .EnableNoBuild()
            .SetResultsDirectory(TestResultsDirectory)
            .AddLogger("trx"))));
}
