using Keel.GitHubActions;
using Keel.Lifecycle;
using Keel.Tests.Support;

namespace Keel.Tests.GitHubActions;

/// <summary>The build on a GitHub Actions runner: masks, groups, annotations, outputs and the step summary.</summary>
public class HostTests
{
    private const string Secret = "ghs_RunnerToken%Value";

    /// <summary>An extension of the build's own, adding its section to the summary.</summary>
    private sealed class ReleaseNotesAttribute : BuildExtensionAttribute
    {
        public override IEnumerable<SummarySection> SummarySections(BuildSession session) =>
            [new("Release notes", $"{session.Build.Outputs.Values.Count} values reported; the cart keeps its items.")];
    }

    [ReleaseNotes]
    private sealed class OnRunner : KeelBuild
    {
        [Parameter, Secret]
        readonly string? Token;

        Target Push => _ => _.Executes(() =>
        {
            Log.Information("token is {Token}", Token);
            Log.Warning("50% done\nnext line");
            Outputs.Report("image", "ghcr.io/acme-corp/store");
            Outputs.Report("digest", "sha256:" + new string('a', 64));
            Outputs.Report("tags", "ghcr.io/acme-corp/store:1.2.3\nghcr.io/acme-corp/store:latest");
            Outputs.Summarize(new SummarySection("Pushed `ghcr.io/acme-corp/store`", "| `ghcr.io/acme-corp/store:1.2.3` |"));
        });

        Target Announce => _ => _.DependsOn(Push).Executes(() => throw new BuildException("no channel"));
    }

    private static (BuildOutcome Outcome, string Output, string Summary) Run()
    {
        using var root = new TempDirectory();
        var output = root.Write("github-output", "");
        var summary = root.Write("step-summary", "");
        var environment = Fixture.Environment("release-tag");
        environment["GITHUB_OUTPUT"] = output;
        environment["GITHUB_STEP_SUMMARY"] = summary;
        environment["TOKEN"] = Secret;
        var outcome = TestBuild.Run<OnRunner>(["Announce"], root: root, environment: environment);
        return (outcome, File.ReadAllText(output), File.ReadAllText(summary));
    }

    [Fact]
    public void EverySecretIsMaskedBeforeAnythingCouldPrintIt()
    {
        var lines = Run().Outcome.Output.Split('\n');

        var mask = Array.IndexOf(lines, WorkflowCommands.Mask(Secret));
        Assert.True(mask >= 0, "no ::add-mask:: line");
        Assert.Equal("::add-mask::ghs_RunnerToken%25Value", lines[mask]);
        Assert.True(mask < Array.FindIndex(lines, l => l.Contains("token is ***")));
        Assert.DoesNotContain(lines, l => l.Contains(Secret));
    }

    [Fact]
    public void TargetsAreGroupsAndProblemsAreEscapedAnnotations()
    {
        var output = Run().Outcome.Output;

        Assert.Contains("::group::Push\n", output);
        Assert.Contains("::group::Announce\n", output);
        Assert.Equal(2, output.Split('\n').Count(l => l == WorkflowCommands.EndGroup));
        Assert.Contains("::warning::50%25 done%0Anext line", output);
        Assert.Contains("::error::Announce failed: no channel", output);
    }

    [Fact]
    public void ReportedValuesBecomeStepOutputs()
    {
        var output = Run().Output;

        Assert.Contains("image=ghcr.io/acme-corp/store\n", output);
        Assert.Contains($"digest=sha256:{new string('a', 64)}\n", output);
        Assert.Matches(@"tags<<(EOF_[0-9a-f]{32})\nghcr.io/acme-corp/store:1.2.3\nghcr.io/acme-corp/store:latest\n\1\n", output);
    }

    [Fact]
    public void TheStepSummaryListsTargetsThenTheSectionsOfTheBuildsExtensions()
    {
        var summary = Run().Summary;

        Assert.StartsWith("### Build failed", summary);
        Assert.Matches(@"\| Push \| ✅ Succeeded \| \d+\.\d s \|", summary);
        Assert.Contains("| Announce | ❌ Failed |", summary);
        Assert.EndsWith("\n### Release notes\n\n3 values reported; the cart keeps its items.\n", summary);
    }

    [Fact]
    public void ASectionATargetAddsStaysInTheSummaryWhenALaterTargetFails()
    {
        var summary = Run().Summary;

        // After the targets and before the extensions' sections: what the run did, then what the extensions add.
        var section = summary.IndexOf("\n### Pushed `ghcr.io/acme-corp/store`\n\n| `ghcr.io/acme-corp/store:1.2.3` |\n", StringComparison.Ordinal);
        Assert.True(section > summary.IndexOf("| **Total** |", StringComparison.Ordinal), summary);
        Assert.True(section < summary.IndexOf("### Release notes", StringComparison.Ordinal), summary);
    }

    [Theory]
    [InlineData("percent", "100%", "100%25")]
    [InlineData("line breaks", "a\r\nb", "a%0D%0Ab")]
    [InlineData("plain", "plain text: fine, really", "plain text: fine, really")]
    public void WorkflowCommandDataIsEscaped(string behaviour, string text, string escaped) =>
        Assert.True(escaped == WorkflowCommands.Data(text), behaviour);

    [Fact]
    public void PropertiesEscapeColonsAndCommasToo() =>
        Assert.Equal("::error title=a%3A b%2C c::msg", WorkflowCommands.Error("msg", "a: b, c"));

    [Fact]
    public void OffTheRunnerNoWorkflowCommandsAreWritten()
    {
        var outcome = TestBuild.Run<OnRunner>(["Push"], environment: new Dictionary<string, string> { ["TOKEN"] = Secret });

        Assert.DoesNotContain("::", outcome.Output.Replace("ghcr.io", ""));
    }
}
