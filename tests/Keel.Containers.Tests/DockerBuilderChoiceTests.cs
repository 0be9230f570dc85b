namespace Keel.Containers.Tests;

/// <summary>Which docker client builds, and with which builder.</summary>
public sealed class DockerBuilderChoiceTests
{
    [Theory]
    [InlineData("this machine: 28.x first on PATH without buildx, Debian's 20.10 after it", "/usr/local/bin/docker 28.2.2 -|/usr/bin/docker 20.10.24+dfsg1 -", "20.10.24+dfsg1 linux", "/usr/bin/docker BuildKit")]
    [InlineData("GitHub's runners: buildx", "/usr/bin/docker 28.0.4 buildx", "28.0.4 linux", "/usr/bin/docker Buildx")]
    [InlineData("buildx on a later client wins over built-in BuildKit", "/usr/bin/docker 20.10.24 -|/opt/docker 27.1.0 buildx", "27.1.0 linux", "/opt/docker Buildx")]
    [InlineData("an old client alone", "/usr/bin/docker 20.10.24 -", "20.10.24 linux", "/usr/bin/docker BuildKit")]
    [InlineData("a new client alone without buildx", "/usr/local/bin/docker 28.2.2 -", "28.2.2 linux", "/usr/local/bin/docker Classic")]
    [InlineData("an engine before BuildKit", "/usr/bin/docker 18.06.1 -", "18.06.1-ce linux", "/usr/bin/docker Classic")]
    [InlineData("an engine from 18.09 on", "/usr/bin/docker 18.09.0 -", "18.09.0 linux", "/usr/bin/docker BuildKit")]
    [InlineData("a Windows engine", "/usr/bin/docker 20.10.24 -|/opt/docker 27.1.0 buildx", "27.1.0 windows", "/usr/bin/docker Classic")]
    [InlineData("no engine answers", "/usr/local/bin/docker 28.2.2 -|/usr/bin/docker 20.10.24 -", " ", "/usr/local/bin/docker Classic")]
    public void TheFirstClientThatCanBuildWithBuildKitBuilds(string name, string clients, string engine, string expected)
    {
        Assert.NotEmpty(name);
        var list = clients.Split('|').Select(c => c.Split(' ')).Select(c => new DockerClient(c[0], c[1], c[2] == "buildx")).ToList();
        var parts = engine.Split(' ');

        var (client, builder, reason) = DockerBuilderChoice.Choose(list, parts[0], parts[1]);

        Assert.Equal(expected, $"{client.Executable} {builder}");
        Assert.NotEmpty(reason);
    }
}
