using System.Globalization;
using System.Text;
using Keel.Execution;

namespace Keel.Extensions;

/// <summary>The end-of-build table: target, status (with the reason for skipped and unrun targets), duration, total.</summary>
internal static class SummaryRenderer
{
    public static string Render(RunRecord record)
    {
        var rows = record.Targets.Select(t => (t.Name, Status: Status(t), Duration: t.Duration > TimeSpan.Zero ? Format(t.Duration) : "")).ToList();
        var nameWidth = Math.Max("Target".Length, rows.Select(r => r.Name.Length).DefaultIfEmpty(0).Max());
        var statusWidth = Math.Max("Status".Length, rows.Select(r => r.Status.Length).DefaultIfEmpty(0).Max());
        var total = Format(record.Duration);
        var durationWidth = Math.Max("Duration".Length, rows.Select(r => r.Duration.Length).Append(total.Length).Max());
        var rule = new string('─', nameWidth + statusWidth + durationWidth + 4);

        var text = new StringBuilder();
        text.Append(rule).Append('\n');
        Row(text, "Target", "Status", "Duration");
        text.Append(rule).Append('\n');
        foreach (var (name, status, duration) in rows)
            Row(text, name, status, duration);
        text.Append(rule).Append('\n');
        Row(text, "Total", "", total);
        text.Append(rule).Append('\n');
        text.Append(record.Cancelled ? "Build cancelled.\n" : record.Failed ? "Build failed.\n" : "Build succeeded.\n");
        return text.ToString();

        void Row(StringBuilder builder, string name, string status, string duration) =>
            builder.Append($"{name.PadRight(nameWidth)}  {status.PadRight(statusWidth)}  {duration.PadLeft(durationWidth)}".TrimEnd()).Append('\n');
    }

    private static string Status(TargetRun run) => run.Status switch
    {
        TargetStatus.Skipped or TargetStatus.NotRun or TargetStatus.UpToDate when run.Reason is not null => $"{run.Status}: {run.Reason}",
        _ => run.Status.ToString(),
    };

    private static string Format(TimeSpan duration) =>
        duration.TotalHours >= 1
            ? duration.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : duration.ToString(@"m\:ss\.f", CultureInfo.InvariantCulture);
}
