namespace Keel.Containers;

/// <summary>
/// Pure: the one line a failed smoke test ends with: what it saw (an exit and its code, no answer, an error status), the
/// container's last log line, and, where its log shows the app listening where the test cannot reach it, how to fix that.
/// </summary>
/// <param name="Reference">The image that ran.</param>
/// <param name="Check">What was asked.</param>
/// <param name="Port">The port asked on, and where it came from.</param>
/// <param name="Image">The image's config: which of ASP.NET Core's variables it sets decides the fix to name.</param>
internal sealed record SmokeFailure(string Reference, SmokeCheck Check, SmokePort Port, ImageConfig Image)
{
    private const int LongestQuote = 300;

    /// <summary>The line for what was seen after <paramref name="elapsed"/>, with the container's last log lines.</summary>
    public string Describe(SmokeObservation seen, IReadOnlyList<string> log, TimeSpan elapsed)
    {
        var asked = $"GET {Check.Path} on {Port}";
        var last = LastLine(log) is { } line ? $"its last log line: {Quote(line)}" : "it logged nothing";
        switch (seen)
        {
            case ContainerExited exited:
                return $"{Reference} exited with code {exited.ExitCode} before it answered {asked}; {last}.";
            case RefusedAnswer answer:
                var wanted = Check.ReadsVersion ? ", not 200 with its version" : "";
                return $"{Reference} answered {asked} with {answer.Status}{(string.IsNullOrEmpty(answer.Reason) ? "" : " " + answer.Reason)}{wanted}; {last}.";
            default:
                var noAnswer = $"{Reference} did not answer {asked} in {Math.Round(elapsed.TotalSeconds):0} s";
                if (ListeningAddress.Elsewhere(log, Port.Number) is { } elsewhere)
                    return $"{noAnswer}: {Where(elsewhere)} (its log: {Quote(elsewhere.Line)}); {Fix(elsewhere)}.";
                return ListeningAddress.In(log).Any(a => a.Reaches(Port.Number))
                    ? $"{noAnswer}, though its log says it listens there; {last}. Give it longer (the smoke check's Timeout), or check that it answers plain HTTP there."
                    : $"{noAnswer}; {last}. Make the app listen on 0.0.0.0:{Port.Number} ({SetPort} for ASP.NET Core), or name the port it listens on in the smoke check.";
        }
    }

    /// <summary>"the app listens on localhost:5000 inside the container, which nothing outside it reaches", or on another port.</summary>
    private static string Where(ListeningAddress address) => address.IsLoopback
        ? $"the app listens on {address} inside the container, which nothing outside it reaches"
        : $"the app listens on port {address.Port}";

    /// <summary>How to make the app and the port the test asks on agree, for where the port came from.</summary>
    private string Fix(ListeningAddress address)
    {
        var inImage = $"{SetPort} in the image{(Image.Variable("ASPNETCORE_URLS") is null ? " (as the official .NET images do)" : "")}";
        if (address.IsLoopback)
            return $"{inImage}, or make the app listen on 0.0.0.0:{Port.Number}";
        return Port.Source switch
        {
            SmokePortSource.Check => $"name port {address.Port} in the smoke check, or {inImage}",
            SmokePortSource.Exposed => $"EXPOSE {address.Port} in the image instead, or {inImage}",
            SmokePortSource.Default => $"EXPOSE {address.Port} in the image, or {inImage}",
            _ => $"make the app listen where the image says: {inImage}, and nothing in the app's own settings naming another port",
        };
    }

    /// <summary>The ASP.NET Core variable that moves the app to the port: ASPNETCORE_URLS where the image sets it (it wins), else ASPNETCORE_HTTP_PORTS.</summary>
    private string SetPort => Image.Variable("ASPNETCORE_URLS") is null
        ? $"set ASPNETCORE_HTTP_PORTS={Port.Number}"
        : $"set ASPNETCORE_URLS=http://+:{Port.Number}";

    private static string? LastLine(IReadOnlyList<string> log) => log.Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);

    private static string Quote(string line)
    {
        var text = line.Trim();
        return $"\"{(text.Length > LongestQuote ? text[..LongestQuote] + "..." : text)}\"";
    }
}
