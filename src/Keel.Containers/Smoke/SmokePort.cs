using System.Globalization;
using System.Text.RegularExpressions;

namespace Keel.Containers;

/// <summary>Where the port a smoke test asks on came from.</summary>
internal enum SmokePortSource
{
    /// <summary>The smoke check names it.</summary>
    Check,

    /// <summary>The image EXPOSEs it.</summary>
    Exposed,

    /// <summary>The image's ASPNETCORE_URLS names it (ASP.NET Core listens there, whatever ASPNETCORE_HTTP_PORTS says).</summary>
    Urls,

    /// <summary>The image's ASPNETCORE_HTTP_PORTS names it, as the official .NET images do.</summary>
    HttpPorts,

    /// <summary>Nothing names one: 8080, where the official .NET images' apps listen.</summary>
    Default,
}

/// <summary>Pure: the port a smoke test asks on, and where it came from, so that a failure can say which to fix.</summary>
internal sealed partial record SmokePort(int Number, SmokePortSource Source)
{
    public const int DefaultPort = 8080;

    /// <summary>
    /// The check's port; else the image's EXPOSE (of several, the one its ASP.NET Core variables name, else the lowest);
    /// else the port of ASPNETCORE_URLS' first address, else ASPNETCORE_HTTP_PORTS' first port; else 8080.
    /// </summary>
    public static SmokePort Choose(int? named, ImageConfig image)
    {
        if (named is { } port)
            return new(port, SmokePortSource.Check);
        var fromUrls = UrlsPort(image.Variable("ASPNETCORE_URLS"));
        var fromHttpPorts = HttpPortsPort(image.Variable("ASPNETCORE_HTTP_PORTS"));
        var exposed = image.ExposedPorts.Select(ExposedTcpPort).OfType<int>().Distinct().Order().ToList();
        if (exposed.Count > 0)
        {
            var preferred = new[] { fromUrls, fromHttpPorts }.FirstOrDefault(p => p is not null && exposed.Contains(p.Value));
            return new(preferred ?? exposed[0], SmokePortSource.Exposed);
        }

        return fromUrls is { } url ? new(url, SmokePortSource.Urls)
            : fromHttpPorts is { } httpPort ? new(httpPort, SmokePortSource.HttpPorts)
            : new(DefaultPort, SmokePortSource.Default);
    }

    /// <summary>Where the port came from, as a message puts it after "port 8080".</summary>
    public string Origin => Source switch
    {
        SmokePortSource.Check => "named by the smoke check",
        SmokePortSource.Exposed => "the image's EXPOSE",
        SmokePortSource.Urls => "ASPNETCORE_URLS in the image",
        SmokePortSource.HttpPorts => "ASPNETCORE_HTTP_PORTS in the image",
        _ => "the default; the image names none: no EXPOSE, ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS",
    };

    public override string ToString() => $"port {Number} ({Origin})";

    /// <summary>"8080/tcp" or "8080": 8080; a UDP port or anything else: null.</summary>
    private static int? ExposedTcpPort(string exposed)
    {
        var parts = exposed.Split('/');
        return (parts.Length == 1 || parts[1].Equals("tcp", StringComparison.OrdinalIgnoreCase)) && Port(parts[0]) is { } port ? port : null;
    }

    /// <summary>"http://+:5000;https://+:5001": 5000; an address without a port: 80 (http) or 443 (https).</summary>
    private static int? UrlsPort(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null || Url().Match(first) is not { Success: true } match)
            return null;
        return match.Groups["port"].Success ? Port(match.Groups["port"].Value)
            : match.Groups["scheme"].Value.Equals("https", StringComparison.OrdinalIgnoreCase) ? 443 : 80;
    }

    /// <summary>"8080;8081" (or with commas): 8080.</summary>
    private static int? HttpPortsPort(string? ports) =>
        ports?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() is { } first ? Port(first) : null;

    private static int? Port(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 ? port : null;

    // scheme://host[:port][/path], the host a name, an address, [v6], + or *.
    [GeneratedRegex(@"^(?<scheme>https?)://(?:\[[^\]]*\]|[^:/]+)(?::(?<port>\d+))?(?:/.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Url();
}
