using Keel.Tooling;

namespace Keel.Containers;

/// <summary>Tells passing registry failures (worth a retry) from lasting ones (wrong password, no permission).</summary>
internal static class RegistryErrors
{
    private static readonly string[] Lasting = ["unauthorized", "denied", "authentication required", "incorrect username or password", "forbidden", "not allowed", "invalid reference format", "no space left"];

    private static readonly string[] Passing = ["connection refused", "i/o timeout", "tls handshake timeout", "timeout", "eof", "connection reset", "502", "503", "504", "500 internal", "temporarily unavailable", "no route to host", "server gave http response", "429", "too many requests"];

    public static bool IsTransient(Exception error)
    {
        if (error is ProcessTimeoutException)
            return true;
        var text = (error is ProcessFailedException failed ? failed.Message + "\n" + failed.Result.StandardError + "\n" + failed.Result.StandardOutput : error.Message).ToLowerInvariant();
        return !Lasting.Any(text.Contains) && (error is HttpRequestException || Passing.Any(text.Contains));
    }

    /// <summary>The last meaningful line a failed docker command wrote: what to show the user.</summary>
    public static string Reason(ProcessFailedException error) =>
        error.Result.Output.Select(l => l.Text.Trim()).LastOrDefault(l => l.Length > 0) ?? error.Message;
}
