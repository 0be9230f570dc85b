using System.Text;
using Keel.Execution;
using Keel.Lifecycle;

namespace Keel.GitHubActions;

/// <summary>The Markdown appended to $GITHUB_STEP_SUMMARY: targets with status and duration, then the sections the run's targets and the extensions add (what was pushed, ...).</summary>
internal static class StepSummary
{
    public const int Limit = 1024 * 1024;

    public static string Render(RunRecord record, IEnumerable<SummarySection> sections)
    {
        var text = new StringBuilder();
        text.Append(record.Cancelled ? "### Build cancelled\n\n" : record.Failed ? "### Build failed\n\n" : "### Build succeeded\n\n");
        text.Append("| Target | Status | Duration |\n| --- | --- | --: |\n");
        foreach (var run in record.Targets)
        {
            var status = run.Reason is not null && run.Status is TargetStatus.Skipped or TargetStatus.NotRun or TargetStatus.UpToDate ? $"{run.Status}: {Cell(run.Reason)}" : run.Status.ToString();
            text.Append($"| {run.Name} | {Icon(run.Status)} {status} | {(run.Duration > TimeSpan.Zero ? Seconds(run.Duration) : "")} |\n");
        }

        text.Append($"| **Total** | | **{Seconds(record.Duration)}** |\n");
        foreach (var section in sections)
            text.Append($"\n### {section.Heading}\n\n{section.Markdown.TrimEnd('\n')}\n");

        var markdown = text.ToString();
        return Encoding.UTF8.GetByteCount(markdown) <= Limit ? markdown : markdown[..(Limit / 4)] + "\n\n(cut: the summary is limited to 1 MiB)\n";
    }

    private static string Icon(TargetStatus status) => status switch
    {
        TargetStatus.Succeeded or TargetStatus.Collective or TargetStatus.UpToDate => "✅",
        TargetStatus.Failed or TargetStatus.Aborted => "❌",
        _ => "⏭️",
    };

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " s";
}
