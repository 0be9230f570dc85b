using Keel.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Keel.Tests.GitHubActions;

/// <summary>Values of several lines and values with YAML's special characters survive the round trip through a YAML parser.</summary>
public class MultiLineYamlTests
{
    private const string TwoLines = "sudo apt-get update\nsudo apt-get install -y jq";
    private const string Tricky = "echo \"it's: #1\" | tee -a log: yes";

    [Keel.GitHubActions.GitHubActions("setup", Keel.GitHubActions.GitHubActionsImage.UbuntuLatest,
        On = [Keel.GitHubActions.GitHubActionsTrigger.Push], InvokedTargets = ["Test"], SetupCommands = [TwoLines, Tricky, "true"])]
    private sealed class Setup : KeelBuild
    {
        Target Test => _ => _.Executes(() => { });
    }

    private static string Generate()
    {
        using var root = new TempDirectory();
        var outcome = TestBuild.Run<Setup>(["--generate-configuration"], root: root);
        Assert.True(outcome.ExitCode == 0, outcome.Output);
        return File.ReadAllText(root.File(".github/workflows/setup.yml"));
    }

    [Fact]
    public void EverySetupCommandIsReadBackExactlyAsWritten()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Generate()));
        var job = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["jobs"]).Children.Single().Value;
        var runs = ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>()
            .Where(step => step.Children.ContainsKey("run"))
            .Select(step => ((YamlScalarNode)step["run"]).Value)
            .ToList();

        Assert.Equal([TwoLines, Tricky, "true"], runs.Take(3));
    }

    [Fact]
    public void TheSameAttributesWriteTheSameBytes() => Assert.Equal(Generate(), Generate());
}
