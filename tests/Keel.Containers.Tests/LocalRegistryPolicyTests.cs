using Keel.Containers;

namespace Keel.Containers.Tests;

/// <summary>The embedded registry's pure parts: which addresses it runs at, and what is told apart from a registry there.</summary>
public class LocalRegistryPolicyTests
{
    [Theory]
    [InlineData("the default", "localhost:5000", "localhost", 5000, "127.0.0.1:5000")]
    [InlineData("another port", "localhost:5001", "localhost", 5001, "127.0.0.1:5001")]
    [InlineData("any case", "LocalHost:5002", "localhost", 5002, "127.0.0.1:5002")]
    [InlineData("a loopback address", "127.0.0.2:5000", "127.0.0.2", 5000, "127.0.0.2:5000")]
    [InlineData("IPv6 loopback", "[::1]:5000", "[::1]", 5000, "[::1]:5000")]
    public void TheEmbeddedRegistryRunsAtALoopbackAddress(string behaviour, string address, string host, int port, string bind)
    {
        var endpoint = LocalRegistry.Parse(address, "--local-registry");

        Assert.True((endpoint.Host, endpoint.Port, endpoint.Bind) == (host, port, bind), $"{behaviour}: {endpoint}");
    }

    [Theory]
    [InlineData("no port", "localhost", "--local-registry 'localhost' is not host:port; give one on this machine, e.g. localhost:5001.")]
    [InlineData("a port out of range", "localhost:70000", "--local-registry 'localhost:70000' has no port from 1 to 65535; give one, e.g. localhost:5001.")]
    [InlineData("not a number", "localhost:http", "--local-registry 'localhost:http' has no port from 1 to 65535; give one, e.g. localhost:5001.")]
    [InlineData("IPv6 without brackets", "::1:5000", "--local-registry '::1:5000' is not host:port; give one on this machine, e.g. localhost:5001.")]
    [InlineData("another machine", "registry.lan:5000", "--local-registry 'registry.lan:5000' is not on this machine; the embedded registry runs here, at localhost, 127.0.0.1 or [::1] with a port (e.g. localhost:5001). A registry elsewhere is one to push to, not to run.")]
    public void AnAddressItCannotRunAtIsRefusedInOneLine(string behaviour, string address, string message)
    {
        var refused = Assert.Throws<BuildException>(() => LocalRegistry.Parse(address, "--local-registry"));

        Assert.True(refused.Message == message, $"{behaviour}: {refused.Message}");
    }

    private static readonly LocalRegistryEndpoint Default = LocalRegistry.Parse("localhost:5000", null);

    [Theory]
    [InlineData("nothing there: the registry is started", "nothing", 0, null, null, null)]
    [InlineData("the registry", "answer", 200, "registry/2.0", null, null)]
    [InlineData("a registry asking for a login", "answer", 401, "registry/2.0", null, null)]
    [InlineData("macOS AirPlay (AirTunes)", "answer", 403, null, "AirTunes/870.14.1",
        "Something that is not a container registry answers at localhost:5000 (HTTP 403 Forbidden from http://localhost:5000/v2/, Server: AirTunes/870.14.1); stop it, or pass --local-registry localhost:5001.")]
    [InlineData("a web app without the page", "answer", 404, null, "Kestrel",
        "Something that is not a container registry answers at localhost:5000 (HTTP 404 Not Found from http://localhost:5000/v2/, Server: Kestrel); stop it, or pass --local-registry localhost:5001.")]
    [InlineData("a single-page app that answers every path", "answer", 200, null, null,
        "Something that is not a container registry answers at localhost:5000 (HTTP 200 OK from http://localhost:5000/v2/, without the registry API's Docker-Distribution-API-Version: registry/2.0 header); stop it, or pass --local-registry localhost:5001.")]
    [InlineData("a registry of another API", "answer", 200, "registry/3.0", null,
        "Something that is not a container registry answers at localhost:5000 (HTTP 200 OK from http://localhost:5000/v2/, without the registry API's Docker-Distribution-API-Version: registry/2.0 header); stop it, or pass --local-registry localhost:5001.")]
    [InlineData("no HTTP server", "not http", 0, null, null,
        "Something that does not answer HTTP holds localhost:5000 (The response ended prematurely. at http://localhost:5000/v2/), where the embedded registry should run; stop it, or pass --local-registry localhost:5001.")]
    public void OnlyARegistryOrNothingMayHoldTheAddress(string behaviour, string kind, int status, string? apiVersion, string? server, string? problem)
    {
        var ping = new RegistryPing("http://localhost:5000/v2/", kind switch { "nothing" => RegistryPingKind.Nothing, "not http" => RegistryPingKind.NotHttp, _ => RegistryPingKind.Answer })
        {
            Status = status,
            Reason = status switch { 200 => "OK", 401 => "Unauthorized", 403 => "Forbidden", 404 => "Not Found", _ => null },
            ApiVersion = apiVersion,
            Server = server,
            Error = kind == "not http" ? "The response ended prematurely." : null,
        };

        var found = LocalRegistry.Problem(Default, ping, freePort: 5001, "--local-registry");

        Assert.True(found == problem, $"{behaviour}: {found}");
    }

    [Fact]
    public void WithoutTheBuildsOptionTheWayOutNamesTheAddressAlone()
    {
        var ping = new RegistryPing("http://127.0.0.1:5000/v2/", RegistryPingKind.Answer) { Status = 404, Reason = "Not Found" };

        Assert.Equal(
            "Something that is not a container registry answers at 127.0.0.1:5000 (HTTP 404 Not Found from http://127.0.0.1:5000/v2/); stop it, or run the embedded registry at another address (e.g. 127.0.0.1:5003).",
            LocalRegistry.Problem(LocalRegistry.Parse("127.0.0.1:5000", null), ping, freePort: 5003, option: null));
        Assert.EndsWith("stop it, or pass --local-registry localhost:<another port>.", LocalRegistry.Problem(Default, ping, freePort: null, "--local-registry"));
    }
}
