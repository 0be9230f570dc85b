using Keel.Tooling;

namespace Keel.Containers;

/// <summary>Tells passing registry failures (worth a retry) from lasting ones (wrong password, no permission).</summary>
internal static class RegistryErrors
{
    private static readonly string[] Lasting = ["unauthorized", "denied", "authentication required", "incorrect username or password", "forbidden", "not allowed", "invalid reference format", "no space left"];

    private static readonly string[] Passing = ["connection refused", "i/o timeout", "tls handshake timeout", "timeout", "eof", "connection reset", "502", "503", "504", "500 internal", "temporarily unavailable", "no route to host", "server gave http response", "429", "too many requests"];

    /// <summary>What docker says when a registry did not take a login, or what it took for one: worth asking the registry.</summary>
    private static readonly string[] Refused = ["unauthorized", "authentication required", "incorrect username or password", "denied", "forbidden", "no basic auth credentials"];

    public static bool IsTransient(Exception error)
    {
        if (error is ProcessTimeoutException or RegistryFaultException)
            return true;
        var text = Text(error);
        return !Lasting.Any(text.Contains) && (error is HttpRequestException || Passing.Any(text.Contains));
    }

    /// <summary>
    /// True when a failed docker command reads as refused credentials. docker says so also when it never sent them
    /// (a 503 on its ping leaves it without the registry's challenge), so the registry itself is asked before the
    /// build calls the credentials wrong.
    /// </summary>
    public static bool MayBeRefusedCredentials(Exception error) => !IsTransient(error) && Refused.Any(Text(error).Contains);

    private static string Text(Exception error) =>
        (error is ProcessFailedException failed ? failed.Message + "\n" + failed.Result.StandardError + "\n" + failed.Result.StandardOutput : error.Message).ToLowerInvariant();

    /// <summary>The last meaningful line a failed docker command wrote: what to show the user.</summary>
    public static string Reason(ProcessFailedException error) =>
        error.Result.Output.Select(l => l.Text.Trim()).LastOrDefault(l => l.Length > 0) ?? error.Message;
}
