using Keel.Tooling;
using Serilog;

namespace Keel.Containers;

/// <summary>
/// Makes sure a Docker engine answers. The engine the user chose (DOCKER_HOST, DOCKER_CONTEXT, the current docker
/// context) is theirs: when it does not answer, the build says so and starts nothing. Only when nothing was chosen
/// and the default engine is down does it start dockerd, installing docker.io first where the machine allows.
/// </summary>
internal sealed class DockerEngine(DockerTool docker, MachineSetup machine, IReadOnlyDictionary<string, string> environment, AbsolutePath temporaryDirectory, ILogger log)
{
    public void EnsureRunning()
    {
        machine.Require("docker", "docker.io", "the image is built with Docker");
        if (Answers())
            return;
        if (environment.GetValueOrDefault("DOCKER_HOST") is { Length: > 0 } host)
            throw new BuildException($"No Docker engine answers at DOCKER_HOST={host}; start that engine, or unset DOCKER_HOST to use this machine's default one.");
        var context = environment.GetValueOrDefault("DOCKER_CONTEXT") is { Length: > 0 } named ? named : docker.Query("context", "show").StandardOutput.Trim();
        if (context.Length > 0 && context != "default")
            throw new BuildException($"No Docker engine answers for the docker context '{context}'; start that engine, or switch back with 'docker context use default'.");

        var dockerd = machine.Require("dockerd", "docker.io", "no Docker engine answers");
        var logFile = temporaryDirectory / "dockerd.log";
        log.Warning("No Docker engine answers: starting dockerd in the background (log: {Log}).", logFile.Value);
        machine.StartDaemon(dockerd, [], logFile, temporaryDirectory / "dockerd.pid");
        if (!machine.WaitFor(Answers, TimeSpan.FromSeconds(60)))
            throw new BuildException($"dockerd did not answer within 60 s; see {logFile} for why.");
    }

    private bool Answers() => docker.Query("version", "--format", "{{.Server.Version}}").ExitCode == 0;
}
