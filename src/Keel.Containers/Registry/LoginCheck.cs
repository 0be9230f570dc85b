namespace Keel.Containers;

/// <summary>
/// The registry's own answer about a login: its verdict and the answer it rests on, for people ("401 Unauthorized to
/// GET https://ghcr.io/v2/ with the credentials"). Which status means what is pure policy, here.
/// </summary>
internal sealed record LoginCheck(LoginVerdict Verdict, string Answer)
{
    /// <summary>The answer to GET /v2/ without credentials, when it is not the 401 that names how to log in.</summary>
    public static LoginCheck OfPing(int status, string? reason, string address) => status switch
    {
        >= 200 and < 300 => new(LoginVerdict.Accepted, $"{Status(status, reason)} to GET {address} without credentials: it asks for none"),
        _ => new(Fault(status) ? LoginVerdict.Passing : LoginVerdict.Unexpected, $"{Status(status, reason)} to GET {address}"),
    };

    /// <summary>The answer to a request that carried the credentials (or a token they bought): the registry's word on them.</summary>
    public static LoginCheck OfCredentialed(int status, string? reason, string request) => status switch
    {
        >= 200 and < 300 => new(LoginVerdict.Accepted, $"{Status(status, reason)} to {request}"),
        401 or 403 => new(LoginVerdict.Rejected, $"{Status(status, reason)} to {request}"),
        _ => new(Fault(status) ? LoginVerdict.Passing : LoginVerdict.Unexpected, $"{Status(status, reason)} to {request}"),
    };

    /// <summary>Something the registry said that is no status: a challenge it cannot be logged in with, a token service without a token.</summary>
    public static LoginCheck Unexpected(string answer) => new(LoginVerdict.Unexpected, answer);

    /// <summary>Statuses of a registry (or a proxy before it) that is briefly unable to answer, not of one that answered.</summary>
    private static bool Fault(int status) => status is 408 or 429 or >= 500;

    private static string Status(int status, string? reason) => string.IsNullOrEmpty(reason) ? $"{status}" : $"{status} {reason}";
}
