using Keel.Tooling;
using Serilog;

namespace Keel.Containers;

/// <summary>
/// What runs killed before they could clean up (kill -9, a second Ctrl-C, a machine that went down) left behind:
/// containers labelled with their <see cref="RunOwner"/>, and credentials folders named for their process. A later
/// run removes them; what a live run still uses, what another machine's runs made, and what no run labelled (the
/// embedded registry, the user's own containers) stay.
/// </summary>
internal sealed class AbandonedResources(DockerTool docker, ILogger log)
{
    /// <summary>Removes the containers of runs that are over, running or not.</summary>
    public void RemoveContainers()
    {
        var listed = docker.Query("ps", "--all", "--filter", $"label={RunOwner.ProcessLabel}", "--format",
            $"{{{{.ID}}}}\t{{{{.Names}}}}\t{{{{.Label \"{RunOwner.HostLabel}\"}}}}\t{{{{.Label \"{RunOwner.ProcessLabel}\"}}}}\t{{{{.Label \"{RunOwner.StartedLabel}\"}}}}");
        if (listed.ExitCode != 0)
            return;
        var here = Environment.MachineName;
        var left = listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == 5 && RunOwner.FromLabels(fields[2], fields[3], fields[4]) is { } owner && owner.IsOver(here, RunOwner.ProcessStart))
            .ToList();
        if (left.Count == 0)
            return;
        log.Information("Removing what interrupted runs left: {Containers}.", string.Join(", ", left.Select(fields => $"container {fields[1]}")));
        docker.Cleanup(["rm", "--force", .. left.Select(fields => fields[0])]);
    }

    /// <summary>Credentials folders (<c>PID-...</c> under <paramref name="configs"/>) whose process is gone.</summary>
    public void RemoveCredentials(AbsolutePath configs)
    {
        if (!configs.DirectoryExists())
            return;
        foreach (var folder in Directory.EnumerateDirectories(configs))
        {
            var owner = Path.GetFileName(folder).Split('-')[0];
            if (int.TryParse(owner, out var pid) && RunOwner.ProcessStart(pid) is not null)
                continue;
            log.Information("Removing credentials an interrupted run left in {Folder}.", folder);
            Directory.Delete(folder, recursive: true);
        }
    }
}
