using Keel.ProjectModel;
using Keel.Tests.Support;

namespace Keel.Tests.ProjectModel;

/// <summary>[Solution] on real solution files, .slnx and .sln.</summary>
public class SolutionTests
{
    private sealed class WithSolution : KeelBuild
    {
        [Solution]
        readonly Solution Solution = null!;

        public string? Seen { get; private set; }

        Target Show => _ => _.Executes(() => Seen = string.Join(" | ",
            string.Join(",", Solution.AllProjects.Select(p => p.Name)),
            string.Join(",", Solution.BuiltProjects.Select(p => p.Name)),
            Solution.GetProject("shop.tests")?.Directory.RelativeTo(RootDirectory),
            Solution.GetProject("Shop.Tests")?.IsTestProject,
            Solution.GetProject("Nope") is null));
    }

    private sealed class Named : KeelBuild
    {
        [Solution("src/Legacy.sln")]
        readonly Solution Solution = null!;

        public string? Seen { get; private set; }

        Target Show => _ => _.Executes(() => Seen = string.Join(",", Solution.AllProjects.Select(p => p.Path.RelativeTo(RootDirectory))));
    }

    [Fact]
    public void AnSlnxListsItsProjectsAndWhichItBuilds()
    {
        using var root = new TempDirectory();
        root.Write("Shop.slnx", """
            <Solution>
              <Folder Name="/src/">
                <Project Path="src/Shop/Shop.csproj" />
              </Folder>
              <Project Path="tests/Shop.Tests/Shop.Tests.csproj" />
              <Project Path="build/_build.csproj">
                <Build Project="false" />
              </Project>
            </Solution>
            """);
        root.Write("tests/Shop.Tests/Shop.Tests.csproj", "<Project><PropertyGroup><IsTestProject>true</IsTestProject></PropertyGroup></Project>");

        var outcome = TestBuild.Run<WithSolution>(["Show"], root: root);

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        Assert.Equal("Shop,Shop.Tests,_build | Shop,Shop.Tests | tests/Shop.Tests | True | True", ((WithSolution)outcome.Session!.Build).Seen);
    }

    [Fact]
    public void AnSlnNamedByPathSkipsSolutionFolders()
    {
        using var root = new TempDirectory();
        root.Write("src/Legacy.sln", """
            Microsoft Visual Studio Solution File, Format Version 12.00
            Project("{2150E333-8FDC-42A3-9474-1A3956D46DE8}") = "src", "src", "{11111111-1111-1111-1111-111111111111}"
            EndProject
            Project("{9A19103F-16F7-4668-BE54-9A1E7A4F7556}") = "Legacy", "Legacy\Legacy.csproj", "{22222222-2222-2222-2222-222222222222}"
            EndProject
            """);

        var outcome = TestBuild.Run<Named>(["Show"], root: root);

        Assert.True(outcome.ExitCode == 0, outcome.Output);
        Assert.Equal("src/Legacy/Legacy.csproj", ((Named)outcome.Session!.Build).Seen);
    }

    [Fact]
    public void NoSolutionIsOneLineSayingWhatToDo()
    {
        using var root = new TempDirectory();

        var outcome = TestBuild.Run<WithSolution>(["Show"], root: root);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains($"[Solution] finds no .slnx or .sln file in {root.Path}; add one, or name it: [Solution(\"path/to/App.slnx\")].", outcome.Output);
        Assert.DoesNotContain("   at ", outcome.Output);
    }
}
