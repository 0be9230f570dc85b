using System.Runtime.InteropServices;

namespace Keel.Containers;

/// <summary>
/// Pure: a platform an image is built for, os/architecture[/variant] as Docker and OCI name it (linux/arm64,
/// linux/arm/v7), with what .NET calls the same thing: the runtime identifier the app is published for and the
/// process architecture it reports when it runs.
/// </summary>
public sealed record ContainerPlatform
{
    /// <summary>The linux architectures .NET publishes for: Docker's name, the runtime identifier, the process architecture.</summary>
    private static readonly (string Docker, string Rid, string Process, string? DefaultVariant)[] Architectures =
    [
        ("amd64", "linux-x64", nameof(System.Runtime.InteropServices.Architecture.X64), null),
        ("arm64", "linux-arm64", nameof(System.Runtime.InteropServices.Architecture.Arm64), null),
        ("arm", "linux-arm", nameof(System.Runtime.InteropServices.Architecture.Arm), "v7"),
        ("386", "linux-x86", nameof(System.Runtime.InteropServices.Architecture.X86), null),
        ("ppc64le", "linux-ppc64le", nameof(System.Runtime.InteropServices.Architecture.Ppc64le), null),
        ("s390x", "linux-s390x", nameof(System.Runtime.InteropServices.Architecture.S390x), null),
        ("riscv64", "linux-riscv64", nameof(System.Runtime.InteropServices.Architecture.RiscV64), null),
    ];

    private ContainerPlatform(string os, string architecture, string? variant)
    {
        Os = os;
        Architecture = architecture;
        Variant = variant;
    }

    /// <summary>The operating system: linux.</summary>
    public string Os { get; }

    /// <summary>Docker's name for the architecture: amd64, arm64, arm.</summary>
    public string Architecture { get; }

    /// <summary>The architecture's variant where it has several (arm: v6, v7); null otherwise.</summary>
    public string? Variant { get; }

    /// <summary>The runtime identifier the app is published for: linux-x64, linux-arm64.</summary>
    public string RuntimeIdentifier => Known(Architecture).Rid;

    /// <summary>What the app reports as <see cref="RuntimeInformation.ProcessArchitecture"/> when it runs on this platform: X64, Arm64.</summary>
    public string ProcessArchitecture => Known(Architecture).Process;

    /// <summary>The platform as a tag suffix: linux-arm64, linux-arm-v7.</summary>
    public string TagSuffix => ToString().Replace('/', '-');

    /// <summary>The platform of this machine's own processor.</summary>
    public static ContainerPlatform ThisMachine => FromDotNet(RuntimeInformation.OSArchitecture);

    /// <summary>The linux platform of a .NET process architecture.</summary>
    public static ContainerPlatform FromDotNet(System.Runtime.InteropServices.Architecture architecture)
    {
        var known = Architectures.FirstOrDefault(a => a.Process == architecture.ToString());
        return known.Docker is null
            ? throw new BuildException($"This machine's processor ({architecture}) has no linux container platform Keel knows; name the platforms to build for.")
            : new ContainerPlatform("linux", known.Docker, known.DefaultVariant);
    }

    /// <summary>Reads linux/arm64, linux/arm/v7 (any case); the error says what is wrong and what is supported.</summary>
    public static bool TryParse(string text, out ContainerPlatform? platform, out string error)
    {
        platform = null;
        error = "";
        var parts = text.Trim().ToLowerInvariant().Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0))
        {
            error = $"'{text}' is not a platform; write os/architecture[/variant], e.g. linux/amd64 or linux/arm64";
            return false;
        }

        if (parts[0] != "linux")
        {
            error = $"'{text}' is not a linux platform; images are built for linux only (linux/amd64, linux/arm64, ...)";
            return false;
        }

        var known = Architectures.FirstOrDefault(a => a.Docker == parts[1]);
        if (known.Docker is null)
        {
            error = $"'{text}' names an architecture .NET does not publish for; use one of {string.Join(", ", Architectures.Select(a => $"linux/{a.Docker}"))}";
            return false;
        }

        var variant = parts.Length == 3 ? parts[2] : known.DefaultVariant;
        // arm64 has one variant, v8, which registries and engines leave unnamed.
        if (known.Docker == "arm64" && variant == "v8")
            variant = null;
        if (variant is not null && (known.Docker != "arm" || variant is not ("v6" or "v7")))
        {
            error = $"'{text}' names a variant {known.Docker} does not have; {(known.Docker == "arm" ? "use linux/arm/v6 or linux/arm/v7" : $"write linux/{known.Docker}")}";
            return false;
        }

        platform = new ContainerPlatform(parts[0], known.Docker, variant);
        return true;
    }

    /// <summary>Reads a platform, or fails in one line naming where it came from.</summary>
    public static ContainerPlatform Parse(string text, string source) =>
        TryParse(text, out var platform, out var error) ? platform! : throw new BuildException($"{source}: {error}.");

    /// <summary>
    /// True when an image of this platform runs natively on an engine or machine of <paramref name="engine"/>
    /// (os/arch[/variant]). A variant either side leaves unnamed is not compared: linux/arm/v7 runs on linux/arm.
    /// </summary>
    public bool RunsOn(string engine)
    {
        var have = engine.Trim().ToLowerInvariant().Split('/');
        return have.Length >= 2 && have[0] == Os && have[1] == Architecture
            && (Variant is null || have.Length == 2 || have[2] == Variant);
    }

    public override string ToString() => Variant is null ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";

    private static (string Docker, string Rid, string Process, string? DefaultVariant) Known(string architecture) =>
        Architectures.First(a => a.Docker == architecture);
}
