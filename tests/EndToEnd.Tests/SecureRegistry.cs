using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EndToEnd.Tests;

/// <summary>
/// A real registry (Debian's docker-registry) on 127.0.0.1 standing in for ghcr.io: TLS with a self-signed
/// certificate that the Docker engine trusts through /etc/docker/certs.d, and a password: checked by the registry
/// itself (htpasswd, Basic auth), or, as ghcr.io does it, by a token server the registry sends clients to.
/// </summary>
public sealed class SecureRegistry : IDisposable
{
    public const string Username = "ci-bot";
    public const string Password = "e2e-Registry-Secret-7f3a";

    private readonly Process _process;
    private readonly string _directory;
    private readonly string _certificates;

    public SecureRegistry(bool bearerTokens = false)
    {
        Port = FreePort();
        Address = $"127.0.0.1:{Port}";
        _directory = Path.Combine(Path.GetTempPath(), $"keel-e2e-registry-{Port}");
        Directory.CreateDirectory(Path.Combine(_directory, "data"));
        var key = Path.Combine(_directory, "key.pem");
        var certificate = Path.Combine(_directory, "cert.pem");
        Shell.Check("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "2",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        var (exit, hash) = Shell.Run("htpasswd", ["-inB", Username], input: Password);
        if (exit != 0)
            throw new InvalidOperationException($"htpasswd failed: {hash}");
        File.WriteAllText(Path.Combine(_directory, "htpasswd"), hash.Trim() + "\n");

        _certificates = Path.Combine("/etc/docker/certs.d", Address);
        Directory.CreateDirectory(_certificates);
        File.Copy(certificate, Path.Combine(_certificates, "ca.crt"), overwrite: true);
        CaFile = certificate;

        Tokens = bearerTokens ? new TokenServer(_directory, Username, Password) : null;
        var auth = Tokens is null
            ? $"""
                htpasswd:
                  realm: keel-e2e
                  path: {Path.Combine(_directory, "htpasswd")}
              """
            : $"""
                token:
                  realm: {Tokens.Realm}
                  service: {TokenServer.Service}
                  issuer: {TokenServer.Issuer}
                  rootcertbundle: {Tokens.CertificateBundle}
              """;
        var config = Path.Combine(_directory, "config.yml");
        File.WriteAllText(config, $"""
            version: 0.1
            log:
              level: warn
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {Path.Combine(_directory, "data")}
              delete:
                enabled: true
            http:
              addr: {Address}
              tls:
                certificate: {certificate}
                key: {key}
            auth:
            {auth}
            """);
        _process = Process.Start(new ProcessStartInfo(File.Exists("/usr/bin/docker-registry") ? "/usr/bin/docker-registry" : "registry", ["serve", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Client = Tokens is null
            ? new RegistryProbe(Address, _ => RegistryProbe.Basic(Username, Password), certificate)
            : new RegistryProbe(Address, scope => new("Bearer", Tokens.Issue("e2e-probe", scope is null ? [] : [scope])), certificate);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Client.Answers())
        {
            if (DateTime.UtcNow > deadline || _process.HasExited)
                throw new InvalidOperationException("The test registry did not start.");
            Thread.Sleep(200);
        }
    }

    public int Port { get; }
    public string Address { get; }
    public string CaFile { get; }
    public RegistryProbe Client { get; }

    /// <summary>The token server, when the registry sends clients to one (ghcr.io's way); null for Basic auth.</summary>
    public TokenServer? Tokens { get; }

    /// <summary>Pulls an image from this registry as a user would (logged in through a DOCKER_CONFIG of its own), for one platform or the engine's.</summary>
    public void Pull(string reference, string? platform = null)
    {
        var config = Directory.CreateTempSubdirectory("keel-e2e-docker-").FullName;
        try
        {
            var docker = new Dictionary<string, string> { ["DOCKER_CONFIG"] = config };
            var login = Shell.Run("docker", ["login", Address, "--username", Username, "--password-stdin"], environment: docker, input: Password);
            Assert.True(login.ExitCode == 0, login.Output);
            var pull = Shell.Run("docker", ["pull", .. platform is null ? Array.Empty<string>() : ["--platform", platform], reference], environment: docker);
            Assert.True(pull.ExitCode == 0, pull.Output);
        }
        finally
        {
            Directory.Delete(config, recursive: true);
        }
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }

        Tokens?.Dispose();
        LocalImages.RemoveUnder(Address);
        Directory.Delete(_certificates, recursive: true);
        Directory.Delete(_directory, recursive: true);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
