namespace EndToEnd.Tests.Workflows;

/// <summary>strategy.matrix expanded as GitHub expands it.</summary>
public sealed class MatrixExpansionTests
{
    private static IReadOnlyList<string> Expand(string yaml) =>
        [.. MatrixExpansion.Expand(YamlTree.Parse(yaml)).Select(c => string.Join(" ", c.Select(p => $"{p.Key}={ExpressionValues.ToText(p.Value)}")))];

    [Fact]
    public void EveryCombinationInOrderTheFirstKeySlowest()
    {
        Assert.Equal(["os=ubuntu-latest dotnet=9", "os=ubuntu-latest dotnet=10", "os=ubuntu-24.04-arm dotnet=9", "os=ubuntu-24.04-arm dotnet=10"],
            Expand("os: [ubuntu-latest, ubuntu-24.04-arm]\ndotnet: ['9', '10']"));
    }

    [Fact]
    public void ExcludeTakesCombinationsOut()
    {
        Assert.Equal(["os=ubuntu-latest dotnet=9", "os=ubuntu-latest dotnet=10", "os=ubuntu-24.04-arm dotnet=10"],
            Expand("os: [ubuntu-latest, ubuntu-24.04-arm]\ndotnet: ['9', '10']\nexclude:\n  - os: ubuntu-24.04-arm\n    dotnet: '9'"));
    }

    [Fact]
    public void AnIncludeExtendsTheCombinationsItMatchesAndOneThatMatchesNoneIsAdded()
    {
        Assert.Equal(["platform=linux/amd64 runner=ubuntu-latest", "platform=linux/arm64 runner=ubuntu-24.04-arm", "platform=linux/riscv64"],
            Expand("""
                platform: [linux/amd64, linux/arm64]
                include:
                  - platform: linux/amd64
                    runner: ubuntu-latest
                  - platform: linux/arm64
                    runner: ubuntu-24.04-arm
                  - platform: linux/riscv64
                """));
    }

    [Fact]
    public void AMatrixOfOnlyIncludesIsThoseCombinations()
    {
        Assert.Equal(["platform=linux/amd64 runner=ubuntu-latest", "platform=linux/arm64 runner=ubuntu-24.04-arm"],
            Expand("include:\n  - platform: linux/amd64\n    runner: ubuntu-latest\n  - platform: linux/arm64\n    runner: ubuntu-24.04-arm"));
    }

    [Fact]
    public void NoMatrixIsOneRunWithAnEmptyMatrix() => Assert.Equal([""], Expand("~"));
}
