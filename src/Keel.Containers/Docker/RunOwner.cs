using System.Globalization;

namespace Keel.Containers;

/// <summary>
/// The run that made something a later run may have to remove (a smoke test's container): the machine, the process
/// id, and when that process started, so that a process id the system has given to another process since is not
/// taken for the run that is gone. Written as labels on what the run creates, and read back from them.
/// </summary>
internal sealed record RunOwner(string Host, int ProcessId, string Started)
{
    public const string HostLabel = "dev.keel.run.host";
    public const string ProcessLabel = "dev.keel.run.pid";
    public const string StartedLabel = "dev.keel.run.started";

    /// <summary>This run: this machine's name, this process and its start.</summary>
    public static RunOwner ThisProcess() => new(Environment.MachineName, Environment.ProcessId, ProcessStart(Environment.ProcessId) ?? "");

    /// <summary>The labels, as <c>docker run</c> arguments.</summary>
    public IReadOnlyList<string> LabelArguments =>
        ["--label", $"{HostLabel}={Host}", "--label", $"{ProcessLabel}={ProcessId.ToString(CultureInfo.InvariantCulture)}", "--label", $"{StartedLabel}={Started}"];

    /// <summary>The owner the labels name, or null when they name none (not made by a run, or written by hand).</summary>
    public static RunOwner? FromLabels(string host, string processId, string started) =>
        host.Length > 0 && int.TryParse(processId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? new(host, id, started) : null;

    /// <summary>
    /// Whether the run is over, as seen from <paramref name="host"/>: its process is gone, or the id is another
    /// process's now. Another machine's runs (an engine several machines share) are never judged from here.
    /// </summary>
    /// <param name="host">This machine's name.</param>
    /// <param name="startOf">When the process with an id started; null when none runs (see <see cref="ProcessStart"/>).</param>
    public bool IsOver(string host, Func<int, string?> startOf)
    {
        if (!string.Equals(Host, host, StringComparison.Ordinal))
            return false;
        var now = startOf(ProcessId);
        return now is null || (Started.Length > 0 && now != Started);
    }

    /// <summary>When a process started, as the system counts it (Linux: clock ticks since boot); null when none runs.</summary>
    public static string? ProcessStart(int processId)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                // pid (comm) state ppid ... : the start is the 22nd field, the 20th after the command's closing parenthesis.
                var fields = File.ReadAllText($"/proc/{processId}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return fields[0] == "Z" ? null : fields[19];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return process.HasExited ? null : process.StartTime.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
