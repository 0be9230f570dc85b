using Keel.Machine;
using Keel.Tooling;
using Serilog;

namespace Keel.Containers;

/// <summary>Makes sure a Docker engine answers: starts dockerd, installing docker.io first where the machine allows.</summary>
public sealed class DockerEngine(DockerTool docker, MachineSetup machine, AbsolutePath temporaryDirectory, ILogger log)
{
    public void EnsureRunning()
    {
        machine.Require("docker", "docker.io", "the image is built with Docker");
        if (Answers())
            return;

        var dockerd = machine.Require("dockerd", "docker.io", "no Docker engine answers");
        var logFile = temporaryDirectory / "dockerd.log";
        log.Warning("No Docker engine answers: starting dockerd in the background (log: {Log}).", logFile.Value);
        machine.StartDaemon(dockerd, [], logFile, temporaryDirectory / "dockerd.pid");
        if (!machine.WaitFor(Answers, TimeSpan.FromSeconds(60)))
            throw new BuildException($"dockerd did not answer within 60 s; see {logFile} for why.");
    }

    private bool Answers() => docker.Query("version", "--format", "{{.Server.Version}}").ExitCode == 0;
}
