namespace Keel.Containers;

/// <summary>The official .NET images Keel can stand in for.</summary>
internal enum DotNetImageKind
{
    RuntimeDeps,
    Runtime,
    AspNet,
    Sdk,
}

/// <summary>
/// Recorded facts about the official .NET images (mcr.microsoft.com/dotnet/*), which every stand-in carries so that it
/// behaves like the image it stands in for. Source: github.com/dotnet/dotnet-docker at commit
/// 3ed00b611cc88eaa5995525a0549a5703965cd02 (2026-08-21):
/// <list type="bullet">
/// <item>src/runtime-deps/10.0/noble/amd64/Dockerfile: <c>FROM ubuntu:noble</c>; <c>ENV APP_UID=1654
/// ASPNETCORE_HTTP_PORTS=8080 DOTNET_RUNNING_IN_CONTAINER=true</c>; installs ca-certificates, libc6, libgcc-s1, libicu74,
/// libssl3t64, libstdc++6, tzdata, tzdata-legacy; <c>groupadd --gid=$APP_UID app</c> and <c>useradd --no-log-init
/// --uid=$APP_UID --gid=$APP_UID --create-home app</c>. No USER, WORKDIR or EXPOSE.</item>
/// <item>src/runtime/10.0/noble/amd64/Dockerfile: <c>ENV DOTNET_VERSION=10.0.x</c>, the runtime in /usr/share/dotnet,
/// <c>ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet</c>.</item>
/// <item>src/aspnet/10.0/noble/amd64/Dockerfile: <c>ENV ASPNET_VERSION=10.0.x</c>, shared/Microsoft.AspNetCore.App added
/// to /usr/share/dotnet.</item>
/// <item>src/sdk/10.0/noble/amd64/Dockerfile: <c>ENV DOTNET_GENERATE_ASPNET_CERTIFICATE=false DOTNET_NOLOGO=true
/// DOTNET_SDK_VERSION=10.0.x DOTNET_USE_POLLING_FILE_WATCHER=true NUGET_XMLDOC_MODE=skip
/// POWERSHELL_DISTRIBUTION_CHANNEL=PSDocker-DotnetSDK-Ubuntu-24.04</c>; installs curl, git, libatomic1, wget; the SDK
/// (dnx, packs, sdk, sdk-manifests, templates) in /usr/share/dotnet; <c>ln -s /usr/share/dotnet/dnx /usr/bin/dnx</c>;
/// PowerShell as a global tool in /usr/share/powershell.</item>
/// <item>tests/Microsoft.DotNet.Docker.Tests/ProductImageTests.cs (VerifyCommonDefaultUser): the user of the
/// non-distroless Linux images is empty (root).</item>
/// <item>manifest.json: the .NET 10 tags <c>10.0</c>, <c>10.0-noble</c> and their fixed versions (<c>10.0.x</c>,
/// <c>10.0.x-noble</c>) are Ubuntu 24.04 (noble).</item>
/// </list>
/// PATH is the one every image inherits from its Ubuntu base, Docker's default. What the stand-ins leave out: the
/// distribution is Debian 12, not Ubuntu 24.04 (only Debian can be made offline here), and the sdk holds no PowerShell.
/// </summary>
internal static class OfficialDotNetImages
{
    public const string Registry = "mcr.microsoft.com";

    public const string Source = "github.com/dotnet/dotnet-docker@3ed00b611cc88eaa5995525a0549a5703965cd02";

    /// <summary>The distribution the real <c>10.0</c> and <c>10.0-noble</c> tags are built on.</summary>
    public const string RealDistribution = "Ubuntu 24.04 (noble)";

    public const string AppUser = "app";

    public const int AppUid = 1654;

    /// <summary>Config.User: unset, so root.</summary>
    public const string User = "";

    /// <summary>Config.WorkingDir: unset.</summary>
    public const string WorkingDirectory = "";

    /// <summary>Config.ExposedPorts: none (the apps listen on 8080 because of ASPNETCORE_HTTP_PORTS).</summary>
    public static readonly IReadOnlyList<string> ExposedPorts = [];

    public const string Path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>What the sdk installs with apt-get beyond its aspnet base.</summary>
    public static readonly IReadOnlyList<string> SdkPackages = ["curl", "git", "libatomic1", "wget"];

    /// <summary>The environment of an image of that kind, in the order its Dockerfiles set it, with this machine's versions.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Environment(DotNetImageKind kind, DotNetVersions versions)
    {
        var environment = new List<KeyValuePair<string, string>>
        {
            new("PATH", Path),
            new("APP_UID", AppUid.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("ASPNETCORE_HTTP_PORTS", "8080"),
            new("DOTNET_RUNNING_IN_CONTAINER", "true"),
        };
        if (kind >= DotNetImageKind.Runtime)
            environment.Add(new("DOTNET_VERSION", versions.Runtime));
        if (kind >= DotNetImageKind.AspNet)
            environment.Add(new("ASPNET_VERSION", versions.AspNet));
        if (kind == DotNetImageKind.Sdk)
        {
            environment.AddRange([
                new("DOTNET_GENERATE_ASPNET_CERTIFICATE", "false"),
                new("DOTNET_NOLOGO", "true"),
                new("DOTNET_SDK_VERSION", versions.Sdk),
                new("DOTNET_USE_POLLING_FILE_WATCHER", "true"),
                new("NUGET_XMLDOC_MODE", "skip"),
                new("POWERSHELL_DISTRIBUTION_CHANNEL", "PSDocker-DotnetSDK-Ubuntu-24.04"),
            ]);
        }

        return environment;
    }

    /// <summary>The shared frameworks in an image of that kind.</summary>
    public static IReadOnlyList<string> SharedFrameworks(DotNetImageKind kind) => kind switch
    {
        DotNetImageKind.RuntimeDeps => [],
        DotNetImageKind.Runtime => ["Microsoft.NETCore.App"],
        _ => ["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"],
    };

    /// <summary>mcr.microsoft.com/dotnet/aspnet, ...</summary>
    public static string Repository(DotNetImageKind kind) => $"{Registry}/dotnet/{Name(kind)}";

    public static string Name(DotNetImageKind kind) => kind switch
    {
        DotNetImageKind.RuntimeDeps => "runtime-deps",
        DotNetImageKind.Runtime => "runtime",
        DotNetImageKind.AspNet => "aspnet",
        _ => "sdk",
    };

    /// <summary>The tag every Dockerfile of this major version uses: <c>10.0</c>.</summary>
    public static string MinorTag(DotNetVersions versions) => $"{versions.Major}.0";

    /// <summary>The fixed version an image of that kind is tagged with: the runtime's, ASP.NET Core's or the SDK's.</summary>
    public static string Version(DotNetImageKind kind, DotNetVersions versions) => kind switch
    {
        DotNetImageKind.AspNet => versions.AspNet,
        DotNetImageKind.Sdk => versions.Sdk,
        _ => versions.Runtime,
    };

    /// <summary>The tags of that kind a stand-in made here answers to: 10.0, 10.0-noble, 10.0.12, 10.0.12-noble.</summary>
    public static IReadOnlyList<string> Tags(DotNetImageKind kind, DotNetVersions versions)
    {
        var (minor, fixedVersion) = (MinorTag(versions), Version(kind, versions));
        return [minor, $"{minor}-noble", fixedVersion, $"{fixedVersion}-noble"];
    }

    /// <summary>
    /// Pure: whether <paramref name="reference"/> is one of the official .NET images, and if so whether a stand-in made
    /// here can take its place. <paramref name="refusal"/> says why not (another distribution, another version, a digest).
    /// </summary>
    public static DotNetImageKind? Recognize(string reference, DotNetVersions versions, out string? refusal)
    {
        refusal = null;
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        var named = at >= 0 ? reference[..at] : reference;
        var colon = named.LastIndexOf(':');
        var (repository, tag) = colon > named.LastIndexOf('/') ? (named[..colon], named[(colon + 1)..]) : (named, "latest");
        var kind = Enum.GetValues<DotNetImageKind>().Cast<DotNetImageKind?>().FirstOrDefault(k => Repository(k!.Value) == repository);
        if (kind is not { } known)
            return null;
        var tags = Tags(known, versions);
        if (at >= 0)
            refusal = "a digest names content no stand-in has; name it by tag";
        else if (!tags.Contains(tag, StringComparer.Ordinal))
            refusal = $"only the tags {string.Join(", ", tags)} can be stood in here (Debian with this machine's .NET {Version(known, versions)})";
        return known;
    }
}

/// <summary>This machine's .NET versions: what a stand-in holds and says it holds.</summary>
internal sealed record DotNetVersions(string Runtime, string AspNet, string Sdk)
{
    public int Major => int.Parse(Runtime.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);
}
