namespace Keel.Containers;

/// <summary>
/// What a smoke test asks of a running image. <c>new SmokeCheck()</c> asks what any web app answers: the container stays
/// up and answers <c>GET /</c> on its port with a status below 500 within <see cref="Timeout"/>. The port is the image's
/// own (its EXPOSE, else ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS in its environment, else 8080) unless the check names
/// one. <c>SmokeCheck.Http("/health")</c> asks the same of another path; <see cref="WithVersion"/> asks an app that reports
/// its version in JSON for 200 and the version the image was built as.
/// </summary>
public sealed record SmokeCheck
{
    /// <summary>A check of <paramref name="path"/>, on <paramref name="port"/> (null: the image's own port).</summary>
    public static SmokeCheck Http(string path = "/", int? port = null) => new() { Path = path, Port = port };

    /// <summary>The path asked with GET: <c>/</c> unless the check names another.</summary>
    public string Path { get; init; } = "/";

    /// <summary>The port the app listens on inside the container; null: the one the image names (see <see cref="SmokeCheck"/>).</summary>
    public int? Port { get; init; }

    /// <summary>How long the app may take to answer after the container starts.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The JSON field of the answer that holds the version; null: the answer's body is not read.</summary>
    public string? VersionField { get; private init; }

    /// <summary>The version <see cref="VersionField"/> must hold: the one the image was built as.</summary>
    public string? ExpectedVersion { get; private init; }

    /// <summary>
    /// The JSON field in which the app reports <c>RuntimeInformation.ProcessArchitecture</c> (X64, Arm64), checked
    /// against the image's platform; null: not checked.
    /// </summary>
    public string? ArchitectureField { get; private init; }

    /// <summary>
    /// The same check, asking for 200 and a JSON answer whose <paramref name="field"/> holds <paramref name="expected"/>,
    /// and, when <paramref name="architectureField"/> is given, whose that field names the image's platform's processor.
    /// </summary>
    public SmokeCheck WithVersion(string field, string expected, string? architectureField = null) =>
        this with { VersionField = field, ExpectedVersion = expected, ArchitectureField = architectureField };

    /// <summary>Whether the answer's JSON body is checked, not only its status.</summary>
    internal bool ReadsVersion => VersionField is not null;

    /// <summary>Whether an answer with <paramref name="status"/> passes: below 500, or 200 where the version is read.</summary>
    internal bool Accepts(int status) => ReadsVersion ? status == 200 : status < 500;

    /// <summary>What is wrong with the check itself, in one line; null when nothing is.</summary>
    internal string? Problem() =>
        !Path.StartsWith('/') ? $"The smoke check's path '{Path}' does not start with '/'; give the path as a browser asks for it, e.g. / or /health."
        : Port is < 1 or > 65535 ? $"The smoke check's port {Port} is not a TCP port; give one from 1 to 65535, or none for the image's own."
        : Timeout <= TimeSpan.Zero ? $"The smoke check's time limit {Timeout} is not above zero."
        : null;
}
