using System.Globalization;
using System.Net.Sockets;
using Keel.Tooling;
using Serilog;

namespace Keel.Containers;

/// <summary>
/// The embedded registry, so a fresh clone runs the whole job without an account: at localhost:5000 unless the build
/// names another address on this machine; Debian's docker-registry program (installed where the machine allows), else
/// the registry:2 image where it can be had; data under .nuke/temp. What already answers at the address must speak the
/// registry API: something else holding the port (macOS AirPlay holds 5000) stops the build in one line.
/// </summary>
/// <param name="option">The build's option that sets the address, named in the way out of a taken port.</param>
internal sealed class LocalRegistry(LocalRegistryEndpoint endpoint, DockerTool docker, MachineSetup machine, AbsolutePath temporaryDirectory, ILogger log, string? option)
{
    public const string DefaultAddress = "localhost:5000";

    /// <summary>The address as host, port and what the registry binds to; one that is not host:port on this machine fails in one line.</summary>
    public static LocalRegistryEndpoint Parse(string address, string? option)
    {
        var given = option is null ? $"The embedded registry's address '{address}'" : $"{option} '{address}'";
        var text = address.Trim().ToLowerInvariant();
        var colon = text.LastIndexOf(':');
        var host = colon > 0 ? text[..colon] : text;
        if (colon <= 0 || host.Contains(':') && !(host.StartsWith('[') && host.EndsWith(']')))
            throw new BuildException($"{given} is not host:port; give one on this machine, e.g. localhost:5001.");
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new BuildException($"{given} has no port from 1 to 65535; give one, e.g. localhost:5001.");
        if (!RegistryCredentials.IsOnThisMachine(text))
            throw new BuildException($"{given} is not on this machine; the embedded registry runs here, at localhost, 127.0.0.1 or [::1] with a port (e.g. localhost:5001). A registry elsewhere is one to push to, not to run.");
        return new LocalRegistryEndpoint(text, host, port);
    }

    /// <summary>
    /// Pure: the line for what answers at the address when it is not a registry; null when a registry answers there or
    /// nothing does. <paramref name="freePort"/>, a port nothing holds, makes the way out concrete.
    /// </summary>
    public static string? Problem(LocalRegistryEndpoint endpoint, RegistryPing ping, int? freePort, string? option)
    {
        if (ping.Kind == RegistryPingKind.Nothing || ping.SpeaksRegistryApi)
            return null;
        var elsewhere = freePort is { } port ? endpoint.WithPort(port).Address : $"{endpoint.Host}:<another port>";
        var wayOut = option is null ? $"stop it, or run the embedded registry at another address (e.g. {elsewhere})" : $"stop it, or pass {option} {elsewhere}";
        if (ping.Kind == RegistryPingKind.NotHttp)
            return $"Something that does not answer HTTP holds {endpoint.Address} ({ping.Error} at {ping.Url}), where the embedded registry should run; {wayOut}.";
        var header = ping.Status is 200 or 401 ? ", without the registry API's Docker-Distribution-API-Version: registry/2.0 header" : "";
        var server = ping.Server is null ? "" : $", Server: {ping.Server}";
        return $"Something that is not a container registry answers at {endpoint.Address} (HTTP {ping.Status} {ping.Reason} from {ping.Url}{header}{server}); {wayOut}.";
    }

    /// <summary>Fails in one line when something that is not a registry holds the address; changes nothing.</summary>
    public RegistryPing Check()
    {
        var ping = Ping();
        if (ping.Kind == RegistryPingKind.Nothing || ping.SpeaksRegistryApi)
            return ping;
        throw new BuildException(Problem(endpoint, ping, FreePortAfter(endpoint), option)!);
    }

    public void EnsureRunning()
    {
        if (Check().SpeaksRegistryApi)
            return;

        var directory = temporaryDirectory / (endpoint.Port == 5000 ? "registry" : $"registry-{endpoint.Port}");
        Directory.CreateDirectory(directory / "data");
        if (machine.TryRequire("docker-registry", "docker-registry", $"the embedded registry at {endpoint.Address} runs on it") is { } program)
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
                  addr: {endpoint.Bind}
                """);
            log.Information("Starting the local registry at {Address} (data in {Data}).", endpoint.Address, (directory / "data").Value);
            machine.StartDaemon(program, ["serve", config], directory / "registry.log", directory / "registry.pid");
        }
        else if (docker.ImageExists("registry:2") || docker.Pull("registry:2").ExitCode == 0)
        {
            log.Information("Starting the local registry at {Address} from the registry:2 image.", endpoint.Address);
            docker.Run("run", "--detach", "--restart", "unless-stopped", "--name", endpoint.Port == 5000 ? "keel-registry" : $"keel-registry-{endpoint.Port}",
                "--publish", $"{endpoint.Bind}:5000", "--volume", $"{directory / "data"}:/var/lib/registry", "registry:2");
        }
        else
        {
            throw new BuildException($"No registry answers at {endpoint.Address}, and neither Debian's docker-registry nor the registry:2 image is available; install one, or push to another registry.");
        }

        if (!machine.WaitFor(() => Ping().SpeaksRegistryApi, TimeSpan.FromSeconds(30)))
            throw new BuildException($"The local registry did not answer at {endpoint.Address} within 30 s; see {directory / "registry.log"}.");
    }

    private RegistryPing Ping()
    {
        using var client = new RegistryClient(endpoint.Address, null, null);
        return client.PingAsync().GetAwaiter().GetResult();
    }

    /// <summary>The first of the next ports on the same host that refuses connections; null when none of them does.</summary>
    private static int? FreePortAfter(LocalRegistryEndpoint endpoint)
    {
        for (var port = endpoint.Port + 1; port <= Math.Min(endpoint.Port + 20, 65535); port++)
        {
            if (Refuses(endpoint.Host.Trim('[', ']'), port))
                return port;
        }

        return null;
    }

    private static bool Refuses(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(1));
            return false;
        }
        catch (AggregateException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return true;
        }
        catch (AggregateException)
        {
            // Neither held nor refused (unreachable): not a port to suggest.
            return false;
        }
    }
}
