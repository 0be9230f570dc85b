using Keel.Tests.Support;
using Keel.Tooling;

namespace Keel.Tests.Tooling;

/// <summary>DotNet.NuGetPush and DotNet.ToolRestore, through a real program standing in for dotnet.</summary>
public class DotNetPushTests
{
    private sealed class Publishing : KeelBuild
    {
        [Parameter, Secret]
        readonly string? NuGetApiKey;

        Target Push => _ => _.Executes(() =>
        {
            DotNet.ToolRestore();
            DotNet.NuGetPush(s => s
                .SetTargetPath(RootDirectory / "artifacts/packages/Shop.1.0.0.nupkg")
                .SetSource("https://api.nuget.org/v3/index.json")
                .SetApiKey(NuGetApiKey)
                .EnableSkipDuplicate());
        });
    }

    [Fact]
    public void TheApiKeyGoesInTheEnvironmentNeverInTheArgumentsOrTheLog()
    {
        using var root = new TempDirectory();
        var record = root.File("dotnet-calls.txt");

        var outcome = TestBuild.Run<Publishing>(["Push", "--nuget-api-key", "oy2-very-secret-key"], root: root, environment: new Dictionary<string, string>
        {
            ["DOTNET_EXE"] = Repository.TestProgramHost,
            ["TEST_PROGRAM_RECORD"] = record,
        });

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(
            ["tool|restore|--nologo", $"nuget|push|{root.File("artifacts/packages/Shop.1.0.0.nupkg")}|--source|https://api.nuget.org/v3/index.json|--skip-duplicate|--nologo (NUGET_API_KEY=oy2-very-secret-key)"],
            File.ReadAllLines(record));
        Assert.DoesNotContain("oy2-very-secret-key", outcome.Output + outcome.LogFile);
    }
}
