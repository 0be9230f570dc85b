namespace Keel.Containers;

/// <summary>Where the embedded registry runs: the address as given (lowercased), its host and port.</summary>
internal sealed record LocalRegistryEndpoint(string Address, string Host, int Port)
{
    /// <summary>What the registry listens on: 127.0.0.1 for localhost (as docker reaches it), else the address itself.</summary>
    public string Bind => Host == "localhost" ? $"127.0.0.1:{Port}" : $"{Host}:{Port}";

    /// <summary>The same host on another port.</summary>
    public LocalRegistryEndpoint WithPort(int port) => new($"{Host}:{port}", Host, port);
}
