namespace Keel.Containers;

/// <summary>What a smoke test asks of a running image: an HTTP endpoint that answers 200 with the expected version in a JSON field.</summary>
/// <param name="Port">The port the app listens on inside the container.</param>
/// <param name="Path">The endpoint: <c>/health</c>.</param>
/// <param name="VersionField">The JSON field of the answer that holds the version.</param>
/// <param name="ExpectedVersion">The version the image was built as.</param>
public sealed record SmokeCheck(int Port, string Path, string VersionField, string ExpectedVersion)
{
    /// <summary>How long the app may take to answer after the container starts.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The JSON field in which the app reports <c>RuntimeInformation.ProcessArchitecture</c> (X64, Arm64), checked
    /// against the image's platform; null: not checked.
    /// </summary>
    public string? ArchitectureField { get; init; }
}
