using System.Text.RegularExpressions;
using Keel.Tooling;
using Serilog;

namespace Keel.Containers;

/// <summary>
/// Makes sure a Docker engine answers. The engine the user chose (DOCKER_HOST, DOCKER_CONTEXT, the current docker
/// context) is theirs: when it does not answer, the build says so and starts nothing. An engine that refuses the user
/// (not in the docker group) is named at once, as only a new login fixes that. Only when nothing was chosen, the
/// default engine is down and the build runs as root does it start dockerd, installing docker.io first where the
/// machine allows.
/// </summary>
internal sealed partial class DockerEngine(DockerTool docker, MachineSetup machine, MachineFacts facts, IReadOnlyDictionary<string, string> environment, AbsolutePath temporaryDirectory, ILogger log)
{
    public void EnsureRunning()
    {
        machine.Require("docker", "docker.io", "the image is built with Docker");
        var answer = Ask();
        if (answer.ExitCode == 0)
            return;
        if (RefusedSocket(answer.Output.Select(l => l.Text)) is { } socket)
        {
            var user = facts.UserName.Length > 0 ? facts.UserName : "this user";
            throw new BuildException($"The Docker engine at {socket} refuses {user} (permission denied): add {user} to the docker group (sudo usermod -aG docker {user}) and log in again (or run 'newgrp docker'), or run the build as root.");
        }

        if (environment.GetValueOrDefault("DOCKER_HOST") is { Length: > 0 } host)
            throw new BuildException($"No Docker engine answers at DOCKER_HOST={host}; start that engine, or unset DOCKER_HOST to use this machine's default one.");
        var context = environment.GetValueOrDefault("DOCKER_CONTEXT") is { Length: > 0 } named ? named : docker.Query("context", "show").StandardOutput.Trim();
        if (context.Length > 0 && context != "default")
            throw new BuildException($"No Docker engine answers for the docker context '{context}'; start that engine, or switch back with 'docker context use default'.");
        if (!facts.IsRoot)
            throw new BuildException($"No Docker engine answers ({Reason(answer)}), and only root can start one; start it as root (sudo service docker start) and run the build again.");

        var dockerd = machine.Require("dockerd", "docker.io", "no Docker engine answers");
        var logFile = temporaryDirectory / "dockerd.log";
        log.Warning("No Docker engine answers: starting dockerd in the background (log: {Log}).", logFile.Value);
        machine.StartDaemon(dockerd, [], logFile, temporaryDirectory / "dockerd.pid");
        if (!machine.WaitFor(() => Ask().ExitCode == 0, TimeSpan.FromSeconds(60)))
            throw new BuildException($"dockerd did not answer within 60 s; see {logFile} for why.");
    }

    /// <summary>
    /// The engine's address when docker's answer says it refused the connection (docker's "permission denied while
    /// trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: ..."), else null.
    /// </summary>
    internal static string? RefusedSocket(IEnumerable<string> answer)
    {
        foreach (var line in answer)
        {
            if (Refusal().Match(line) is { Success: true } refused)
                return refused.Groups["address"].Value.StartsWith("unix://", StringComparison.Ordinal) ? refused.Groups["address"].Value["unix://".Length..] : refused.Groups["address"].Value;
        }

        return null;
    }

    private ProcessResult Ask() => docker.Query("version", "--format", "{{.Server.Version}}");

    private static string Reason(ProcessResult answer) =>
        answer.Output.Where(l => l.IsError).Select(l => l.Text.Trim()).LastOrDefault(l => l.Length > 0) ?? $"docker version exited with {answer.ExitCode}";

    [GeneratedRegex(@"permission denied while trying to connect to the docker \w+ (?:socket )?at (?<address>[^\s:]+://[^\s:]+|[^\s:]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Refusal();
}
