using Keel.Tooling;
using Serilog;

namespace Keel.Containers;

/// <summary>
/// The embedded default registry at localhost:5000, so a fresh clone runs the whole job without an account:
/// Debian's docker-registry program (installed where the machine allows), else the registry:2 image where it can
/// be had; data under .nuke/temp.
/// </summary>
internal sealed class LocalRegistry(DockerTool docker, MachineSetup machine, AbsolutePath temporaryDirectory, ILogger log)
{
    public const string Address = "localhost:5000";

    public void EnsureRunning()
    {
        if (Answers())
            return;

        var directory = temporaryDirectory / "registry";
        Directory.CreateDirectory(directory / "data");
        if (machine.TryRequire("docker-registry", "docker-registry", "the default registry at localhost:5000 runs on it") is { } program)
        {
            var config = directory / "config.yml";
            File.WriteAllText(config, $"""
                version: 0.1
                log:
                  level: warn
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: {directory / "data"}
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:5000
                """);
            log.Information("Starting the local registry at {Address} (data in {Data}).", Address, (directory / "data").Value);
            machine.StartDaemon(program, ["serve", config], directory / "registry.log", directory / "registry.pid");
        }
        else if (docker.ImageExists("registry:2") || docker.Pull("registry:2").ExitCode == 0)
        {
            log.Information("Starting the local registry at {Address} from the registry:2 image.", Address);
            docker.Run("run", "--detach", "--restart", "unless-stopped", "--name", "keel-registry",
                "--publish", "127.0.0.1:5000:5000", "--volume", $"{directory / "data"}:/var/lib/registry", "registry:2");
        }
        else
        {
            throw new BuildException($"No registry answers at {Address}, and neither Debian's docker-registry nor the registry:2 image is available; install one, or push to another registry.");
        }

        if (!machine.WaitFor(Answers, TimeSpan.FromSeconds(30)))
            throw new BuildException($"The local registry did not answer at {Address} within 30 s; see {directory / "registry.log"}.");
    }

    private static bool Answers()
    {
        using var client = new RegistryClient(Address, null, null);
        return client.AnswersAsync().GetAwaiter().GetResult();
    }
}
