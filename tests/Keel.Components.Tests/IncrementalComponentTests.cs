using Keel.Tests.Support;

namespace Keel.Components.Tests;

/// <summary>
/// Restore, Compile and Test do only the work a change needs, on a real solution's files: a change in one project
/// compiles that project and those that reference it, and runs only the test projects that read it. A real program
/// stands in for dotnet and records each call, so the tests see exactly which commands ran.
/// </summary>
public class IncrementalComponentTests
{
    private sealed class Shop : KeelBuild, ITest
    {
        public Configuration Configuration => Configuration.Release;
    }

    private static TempDirectory Solution()
    {
        var root = new TempDirectory();
        root.Write("shop.slnx", """
            <Solution>
              <Project Path="src/Lib/Lib.csproj" />
              <Project Path="src/App/App.csproj" />
              <Project Path="tests/App.Tests/App.Tests.csproj" />
              <Project Path="tests/Lib.Tests/Lib.Tests.csproj" />
              <Project Path="build/_build.csproj">
                <Build Project="false" />
              </Project>
            </Solution>
            """);
        root.Write("src/Lib/Lib.csproj", Project(packages: """<PackageReference Include="Serilog" Version="4.4.0" />"""));
        root.Write("src/Lib/Prices.cs", "class Prices { }\n");
        root.Write("src/App/App.csproj", Project("../Lib/Lib.csproj"));
        root.Write("src/App/Cart.cs", "class Cart { }\n");
        root.Write("tests/App.Tests/App.Tests.csproj", Project("../../src/App/App.csproj", test: true));
        root.Write("tests/App.Tests/CartTests.cs", "class CartTests { }\n");
        root.Write("tests/Lib.Tests/Lib.Tests.csproj", Project("../../src/Lib/Lib.csproj", test: true));
        root.Write("tests/Lib.Tests/PricesTests.cs", "class PricesTests { }\n");
        root.Write("build/_build.csproj", Project());
        return root;
    }

    private static string Project(string? reference = null, bool test = false, string packages = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            {(test ? "<IsTestProject>true</IsTestProject>" : "")}
          </PropertyGroup>
          <ItemGroup>
            {(reference is null ? "" : $"<ProjectReference Include=\"{reference}\" />")}
            {packages}
          </ItemGroup>
        </Project>
        """;

    /// <summary>The dotnet commands a run made, each as its verb and the project's path relative to the root.</summary>
    private static IReadOnlyList<string> Run(TempDirectory root, Dictionary<string, string>? extra = null)
    {
        var record = root.File("dotnet-calls.txt");
        File.Delete(record);
        var environment = new Dictionary<string, string> { ["DOTNET_EXE"] = Repository.TestProgramHost, ["TEST_PROGRAM_RECORD"] = record };
        foreach (var (key, value) in extra ?? [])
            environment[key] = value;
        var outcome = TestBuild.Run<Shop>(["Test"], root: root, environment: environment);
        Assert.True(outcome.ExitCode == 0 || extra?.ContainsKey("TEST_PROGRAM_FAIL") == true, outcome.Output);
        return File.Exists(record)
            ? [.. File.ReadAllLines(record).Select(line => line.Split('|')).Select(parts => $"{parts[0]} {Path.GetRelativePath(root.Path, parts[1]).Replace('\\', '/')}")]
            : [];
    }

    public static TheoryData<string, Action<TempDirectory>, string[]> Changes => new()
    {
        { "nothing changed", _ => { }, [] },
        { "a change in the app", root => root.Write("src/App/Cart.cs", "class Cart { int items; }\n"),
            ["build tests/App.Tests/App.Tests.csproj", "test tests/App.Tests/App.Tests.csproj"] },
        { "a change in one test project", root => root.Write("tests/Lib.Tests/MoreTests.cs", "class MoreTests { }\n"),
            ["build tests/Lib.Tests/Lib.Tests.csproj", "test tests/Lib.Tests/Lib.Tests.csproj"] },
        { "a change in the library everything uses", root => File.Delete(root.File("src/Lib/Prices.cs")),
            ["build shop.slnx", "test tests/App.Tests/App.Tests.csproj", "test tests/Lib.Tests/Lib.Tests.csproj"] },
        { "a new project reference", root => root.Write("tests/App.Tests/App.Tests.csproj", File.ReadAllText(root.File("tests/App.Tests/App.Tests.csproj"))
                .Replace("</ItemGroup>", "<ProjectReference Include=\"../../src/Lib/Lib.csproj\" /></ItemGroup>", StringComparison.Ordinal)),
            ["restore shop.slnx", "build tests/App.Tests/App.Tests.csproj", "test tests/App.Tests/App.Tests.csproj"] },
        { "a package version", root => root.Write("src/Lib/Lib.csproj", File.ReadAllText(root.File("src/Lib/Lib.csproj")).Replace("4.4.0", "4.5.0", StringComparison.Ordinal)),
            ["restore shop.slnx", "build shop.slnx", "test tests/App.Tests/App.Tests.csproj", "test tests/Lib.Tests/Lib.Tests.csproj"] },
        { "a file beside the solution every project reads", root => root.Write("Directory.Build.props", "<Project />\n"),
            ["restore shop.slnx", "build shop.slnx", "test tests/App.Tests/App.Tests.csproj", "test tests/Lib.Tests/Lib.Tests.csproj"] },
        { "a change in the build project the solution does not build", root => root.Write("build/Build.cs", "class Build { }\n"), [] },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void OnlyTheWorkAChangeNeedsRuns(string behaviour, Action<TempDirectory> change, string[] expected)
    {
        using var root = Solution();
        Assert.Equal(
            ["restore shop.slnx", "build shop.slnx", "test tests/App.Tests/App.Tests.csproj", "test tests/Lib.Tests/Lib.Tests.csproj"],
            Run(root));

        change(root);

        Assert.True(expected.SequenceEqual(Run(root)), $"{behaviour}: ran {string.Join(", ", Run(root))}");
    }

    [Fact]
    public void AnotherSdkRebuildsAndRetestsEverything()
    {
        using var root = Solution();
        Run(root, new() { ["TEST_PROGRAM_VERSION"] = "10.0.100" });

        var calls = Run(root, new() { ["TEST_PROGRAM_VERSION"] = "10.0.201" });

        Assert.Equal(["restore shop.slnx", "build shop.slnx", "test tests/App.Tests/App.Tests.csproj", "test tests/Lib.Tests/Lib.Tests.csproj"], calls);
    }

    [Fact]
    public void ATestRunThatFailedRunsAgain()
    {
        using var root = Solution();
        Run(root, new() { ["TEST_PROGRAM_FAIL"] = "test" });

        var calls = Run(root);

        Assert.Equal(["test tests/App.Tests/App.Tests.csproj", "test tests/Lib.Tests/Lib.Tests.csproj"], calls);
    }
}
