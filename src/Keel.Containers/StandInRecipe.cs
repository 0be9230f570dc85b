namespace Keel.Containers;

/// <summary>
/// How to assemble a stand-in for a .NET runtime base image offline: a Debian root file system (debootstrap) with
/// this machine's .NET shared frameworks and the user the app runs as. The app's Dockerfile decides what it must
/// hold, so the build says it.
/// </summary>
public sealed record StandInRecipe
{
    /// <summary>The Debian release the real base image is made from: <c>bookworm</c>.</summary>
    public required string DebianRelease { get; init; }

    /// <summary>Packages beyond the minimal system, such as ICU and CA certificates: <c>libicu72</c>, <c>ca-certificates</c>.</summary>
    public IReadOnlyList<string> Packages { get; init; } = [];

    /// <summary>The shared frameworks the app needs from this machine's .NET: <c>Microsoft.NETCore.App</c>, <c>Microsoft.AspNetCore.App</c>.</summary>
    public required IReadOnlyList<string> SharedFrameworks { get; init; }

    /// <summary>The non-root user the Dockerfile switches to, and its id.</summary>
    public string AppUser { get; init; } = "app";

    public required int AppUserId { get; init; }

    /// <summary>The working directory of the image.</summary>
    public string WorkingDirectory { get; init; } = "/app";
}
