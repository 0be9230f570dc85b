namespace Keel.Containers;

/// <summary>
/// How to assemble a stand-in offline: a Debian root file system (debootstrap) with this machine's .NET shared
/// frameworks and the user the app runs as. Keel knows the official .NET images (mcr.microsoft.com/dotnet/runtime-deps,
/// runtime, aspnet, sdk) and stands in for them by its own recipe (<see cref="Official"/>) and their recorded facts; a
/// build gives a recipe only for another name, such as a mirror of the official images, whose image config is then
/// that of the official image with the same shared frameworks.
/// </summary>
public sealed record StandInRecipe
{
    /// <summary>Keel's recipe for the official .NET images: Debian bookworm with the packages their runtime-deps installs.</summary>
    public static StandInRecipe Official { get; } = new()
    {
        DebianRelease = "bookworm",
        // Debian 12's names for what runtime-deps installs on Ubuntu 24.04 (libicu74, libssl3t64, tzdata-legacy).
        Packages = ["ca-certificates", "libc6", "libgcc-s1", "libicu72", "libssl3", "libstdc++6", "tzdata"],
        SharedFrameworks = ["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"],
    };

    /// <summary>The Debian release the stand-in is made from: <c>bookworm</c>.</summary>
    public required string DebianRelease { get; init; }

    /// <summary>Packages beyond the minimal system, such as ICU and CA certificates: <c>libicu72</c>, <c>ca-certificates</c>.</summary>
    public IReadOnlyList<string> Packages { get; init; } = [];

    /// <summary>The shared frameworks the app needs from this machine's .NET: <c>Microsoft.NETCore.App</c>, <c>Microsoft.AspNetCore.App</c>.</summary>
    public required IReadOnlyList<string> SharedFrameworks { get; init; }

    /// <summary>The non-root user the image has (not switched to: as in the official images, the Dockerfile says USER).</summary>
    public string AppUser { get; init; } = "app";

    /// <summary>Its user and group id, also in APP_UID.</summary>
    public int AppUserId { get; init; } = 1654;
}
