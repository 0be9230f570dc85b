namespace Keel.Containers;

/// <summary>What answered GET /v2/ at an address.</summary>
internal enum RegistryPingKind
{
    /// <summary>Nothing listens there: the connection was refused.</summary>
    Nothing,

    /// <summary>Something took the connection and gave no HTTP answer (closed it, spoke another protocol, hung).</summary>
    NotHttp,

    /// <summary>An HTTP answer.</summary>
    Answer,
}

/// <summary>
/// What answered GET /v2/ at an address: nothing, something that is no HTTP server, or an HTTP answer with its status,
/// its <c>Docker-Distribution-API-Version</c> header (what a registry sends) and its <c>Server</c> header (who did).
/// </summary>
internal sealed record RegistryPing(string Url, RegistryPingKind Kind)
{
    public int Status { get; init; }
    public string? Reason { get; init; }
    public string? ApiVersion { get; init; }
    public string? Server { get; init; }

    /// <summary>Why no HTTP answer came, for <see cref="RegistryPingKind.NotHttp"/>.</summary>
    public string? Error { get; init; }

    /// <summary>A registry: 200, or 401 asking for a login, with <c>Docker-Distribution-API-Version: registry/2.0</c>.</summary>
    public bool SpeaksRegistryApi =>
        Kind == RegistryPingKind.Answer && Status is 200 or 401
        && ApiVersion?.Trim().Equals("registry/2.0", StringComparison.OrdinalIgnoreCase) == true;
}
