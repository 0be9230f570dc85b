using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Keel.Containers;

/// <summary>
/// Pure: where an app says it listens, read from its log: ASP.NET Core's "Now listening on: http://localhost:5000" (as
/// text or in a JSON log line), and the "listening on 0.0.0.0:3000" or "listening on port 3000" of other servers.
/// </summary>
/// <param name="Host">The host it names (localhost, 0.0.0.0, [::], +); empty when the line names only a port.</param>
/// <param name="Port">The port.</param>
/// <param name="Line">The log line, trimmed.</param>
internal sealed partial record ListeningAddress(string Host, int Port, string Line)
{
    /// <summary>Every address the lines name, in their order.</summary>
    public static IReadOnlyList<ListeningAddress> In(IEnumerable<string> lines)
    {
        var found = new List<ListeningAddress>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            var listen = line.IndexOf("listen", StringComparison.OrdinalIgnoreCase);
            if (listen < 0)
                continue;
            var after = line[listen..];
            var urls = Url().Matches(after);
            if (urls.Count > 0)
            {
                foreach (Match url in urls)
                {
                    var port = url.Groups["port"].Success ? Number(url.Groups["port"].Value)
                        : url.Groups["scheme"].Value.Equals("https", StringComparison.OrdinalIgnoreCase) ? 443 : 80;
                    if (port is { } number)
                        found.Add(new(url.Groups["host"].Value, number, line));
                }
            }
            else if ((HostAndPort().Match(after) is { Success: true } address ? address : PortOnly().Match(after)) is { Success: true } match
                && Number(match.Groups["port"].Value) is { } port)
            {
                found.Add(new(match.Groups["host"].Value, port, line));
            }
        }

        return found;
    }

    /// <summary>
    /// Where the app says it listens when that is not <paramref name="port"/> from outside the container: the first
    /// address the lines name, when none of them reaches the port; null when they name none, or one that reaches it.
    /// </summary>
    public static ListeningAddress? Elsewhere(IEnumerable<string> lines, int port)
    {
        var addresses = In(lines);
        return addresses.Count > 0 && !addresses.Any(a => a.Reaches(port)) ? addresses[0] : null;
    }

    /// <summary>Whether only the container itself reaches it: localhost, 127.0.0.0/8, ::1.</summary>
    public bool IsLoopback
    {
        get
        {
            var host = Host.Trim('[', ']');
            return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
        }
    }

    /// <summary>Whether a request to <paramref name="port"/> from outside the container gets here.</summary>
    public bool Reaches(int port) => Port == port && !IsLoopback;

    /// <summary>localhost:5000, [::]:8080, or port 3000 where no host is named.</summary>
    public override string ToString() => Host.Length == 0 ? $"port {Port}" : $"{Host}:{Port}";

    private static int? Number(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 ? port : null;

    [GeneratedRegex(@"(?<scheme>https?)://(?<host>\[[^\]\s]*\]|[^:/\s""'\]\[,;]+)(?::(?<port>\d{1,5}))?", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"(?<![\w.])(?<host>\[[0-9a-f:.]*\]|\d{1,3}(?:\.\d{1,3}){3}|localhost|\*|\+)?:(?<port>\d{1,5})\b", RegexOptions.IgnoreCase)]
    private static partial Regex HostAndPort();

    [GeneratedRegex(@"\bport\s+(?<host>)(?<port>\d{1,5})\b", RegexOptions.IgnoreCase)]
    private static partial Regex PortOnly();
}
