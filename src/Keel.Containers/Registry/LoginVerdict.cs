namespace Keel.Containers;

/// <summary>What a registry, asked directly, says about a login that docker login did not get through.</summary>
internal enum LoginVerdict
{
    /// <summary>The registry takes the credentials (or asks for none): docker met something else.</summary>
    Accepted,

    /// <summary>The registry refused the credentials themselves (401 or 403 to a request that carried them).</summary>
    Rejected,

    /// <summary>A passing fault of the registry (5xx, 429, 408) stood in the way of an answer: worth another try.</summary>
    Passing,

    /// <summary>An answer that says neither (a 404 from the token service, a challenge without a realm).</summary>
    Unexpected,
}
