using System.Security.Cryptography;
using System.Text;
using Keel.Tooling;
using Serilog;

namespace Keel.Containers;

/// <summary>
/// Makes stand-ins for the official .NET images offline. runtime-deps, runtime and aspnet come from one Debian root file
/// system (debootstrap, for any architecture) as layers they share: Debian with the app user, then the .NET runtime, then
/// ASP.NET Core (this machine's, or the runtime packs from NuGet for another processor), loaded with <c>docker load</c>.
/// The sdk is the aspnet stand-in with the sdk's packages (apt-get in a container), this machine's SDK and its CA store
/// (so that a restore inside a build trusts what this machine trusts; a build stage, never shipped). Every stand-in
/// carries the recorded environment, user, working directory and ports of the image it stands in for
/// (<see cref="OfficialDotNetImages"/>) and labels that say what it is.
/// </summary>
internal sealed class StandInFactory(DockerTool docker, MachineSetup machine, ProcessRunner runner, ToolResolver tools, AbsolutePath temporaryDirectory, DotNetInstall dotnet, ILogger log)
{
    /// <summary>Which recipe made a stand-in: one made by an older recipe is made again.</summary>
    public const string RecipeLabel = "dev.keel.image.stand-in.recipe";

    /// <summary>The distribution a stand-in is made of, and the one the real image is.</summary>
    public const string DistributionLabel = "dev.keel.image.stand-in.distribution";

    /// <summary>Bumped whenever what a stand-in holds changes, so that older stand-ins are made again.</summary>
    private const int Format = 2;

    /// <summary>Pure: the recipe's fingerprint for a kind of stand-in.</summary>
    public static string RecipeId(StandInRecipe recipe, DotNetImageKind kind) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{Format}|{kind}|{recipe.DebianRelease}|{string.Join(',', recipe.Packages)}|{recipe.AppUser}|{recipe.AppUserId}")))[..16];

    /// <summary>Pure: the labels of a stand-in.</summary>
    public static IReadOnlyDictionary<string, string> Labels(DotNetImageKind kind, StandInRecipe recipe, ContainerPlatform platform, bool native, DotNetVersions versions) =>
        new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [ImageLabels.StandIn] = $"stands in for {OfficialDotNetImages.Repository(kind)} {OfficialDotNetImages.Version(kind, versions)}: assembled offline from Debian {recipe.DebianRelease} and "
                + (kind == DotNetImageKind.RuntimeDeps ? "no .NET" : native ? $"this machine's .NET {OfficialDotNetImages.Version(kind, versions)}" : $"the .NET runtime packs {versions.Runtime} for {platform.RuntimeIdentifier}"),
            [DistributionLabel] = $"{Debian(recipe.DebianRelease)}; the real image is {OfficialDotNetImages.RealDistribution}",
            [RecipeLabel] = RecipeId(recipe, kind),
        };

    /// <summary>Pure: the image config a stand-in of that kind has.</summary>
    public static ImageSettings Settings(DotNetImageKind kind, StandInRecipe recipe, ContainerPlatform platform, bool native, DotNetVersions versions) =>
        new([.. OfficialDotNetImages.Environment(kind, versions).Select(e => e.Key == "APP_UID" ? new(e.Key, recipe.AppUserId.ToString(System.Globalization.CultureInfo.InvariantCulture)) : e)],
            OfficialDotNetImages.WorkingDirectory, Labels(kind, recipe, platform, native, versions), $"Keel stand-in for {OfficialDotNetImages.Repository(kind)} on {platform}")
        {
            User = OfficialDotNetImages.User,
            ExposedPorts = OfficialDotNetImages.ExposedPorts,
            // The Ubuntu base image's command, which the official images keep.
            Command = ["/bin/bash"],
        };

    /// <summary>
    /// Makes runtime-deps, runtime and aspnet for the platform from one Debian root file system and loads each under the
    /// references given for its kind (a kind with none is left out).
    /// </summary>
    public void MakeRuntimes(StandInRecipe recipe, ContainerPlatform platform, bool native, IReadOnlyDictionary<DotNetImageKind, IReadOnlyList<string>> references)
    {
        var debootstrap = machine.Require("debootstrap", "debootstrap", "the base image has to be made locally");
        var versions = dotnet.Versions;
        var work = temporaryDirectory / $"stand-in-{platform.TagSuffix}";
        var (rootfs, runtime, aspnet, image) = (work / "rootfs", work / "runtime", work / "aspnet", work / "image");
        Remove(work);
        foreach (var folder in new[] { image, runtime / "usr/share/dotnet/shared", aspnet / "usr/share/dotnet/shared" })
            Directory.CreateDirectory(folder);
        try
        {
            log.Information("Making the stand-ins for {Images} on {Platform} from Debian {Release} (debootstrap) ...",
                string.Join(", ", references.Where(r => r.Value.Count > 0).SelectMany(r => r.Value)), platform, recipe.DebianRelease);
            runner.Run(new ToolInvocation(debootstrap,
            [
                "--variant=minbase", $"--arch={DebianArchitecture(platform)}",
                .. recipe.Packages.Count > 0 ? (string[])[$"--include={string.Join(',', recipe.Packages)}"] : [],
                recipe.DebianRelease, rootfs, DebianMirror(),
            ]) { LogOutput = false });
            AddAppUser(rootfs, recipe);
            Tar(rootfs, image / "debian.tar");
            Remove(rootfs);

            var frameworks = dotnet.Frameworks(["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"]);
            if (native)
            {
                Copy([.. new[] { "dotnet", "host", "LICENSE.txt", "ThirdPartyNotices.txt" }.Select(f => Path.Combine(dotnet.Home, f)).Where(Path.Exists)], runtime / "usr/share/dotnet");
                Directory.CreateDirectory(runtime / "usr/bin");
                File.CreateSymbolicLink(runtime / "usr/bin/dotnet", "/usr/share/dotnet/dotnet");
            }
            else
            {
                new ForeignRuntime(runner, tools, temporaryDirectory, log).Install(work / "foreign", platform, [.. frameworks.Select(f => (f.Framework, f.Version))]);
                Directory.Move(work / "foreign/host", runtime / "usr/share/dotnet/host");
            }

            foreach (var (framework, version, folder) in frameworks)
            {
                var layer = framework == "Microsoft.AspNetCore.App" ? aspnet : runtime;
                Directory.CreateDirectory(layer / "usr/share/dotnet/shared" / framework);
                if (native)
                    Copy([folder], layer / "usr/share/dotnet/shared" / framework);
                else
                    Directory.Move(work / "foreign/shared" / framework / version, layer / "usr/share/dotnet/shared" / framework / version);
            }

            Tar(runtime, image / "runtime.tar");
            Tar(aspnet, image / "aspnet.tar");
            var layers = new Dictionary<DotNetImageKind, string[]>
            {
                [DotNetImageKind.RuntimeDeps] = ["debian.tar"],
                [DotNetImageKind.Runtime] = ["debian.tar", "runtime.tar"],
                [DotNetImageKind.AspNet] = ["debian.tar", "runtime.tar", "aspnet.tar"],
            };
            ImageArchive.Write(image, [.. layers.Where(l => references.GetValueOrDefault(l.Key) is { Count: > 0 })
                .Select(l => new ArchivedImage(references[l.Key], l.Value, platform, Settings(l.Key, recipe, platform, native, versions)))]);
            Tar(image, work / "images.tar");
            docker.Run("load", "--input", work / "images.tar");
        }
        finally
        {
            Remove(work);
        }
    }

    /// <summary>Makes the sdk stand-in from the aspnet one (the engine's platform only: the SDK is this machine's).</summary>
    public void MakeSdk(string aspnet, string reference)
    {
        var versions = dotnet.Versions;
        var container = $"keel-sdk-stand-in-{Guid.NewGuid():N}"[..30];
        log.Information("Making the stand-in for {Image} from {AspNet}, this machine's SDK {Version} and its CA store ...", reference, aspnet, versions.Sdk);
        try
        {
            var packages = string.Join(' ', OfficialDotNetImages.SdkPackages);
            var install = docker.Query("run", "--name", container, aspnet, "/bin/sh", "-c",
                $"apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends {packages} && rm -rf /var/lib/apt/lists/* && ln -s /usr/share/dotnet/dnx /usr/bin/dnx");
            if (install.ExitCode != 0)
            {
                var reason = install.Output.Select(l => l.Text.Trim()).LastOrDefault(l => l.Length > 0) ?? $"exit code {install.ExitCode}";
                throw new BuildException($"Could not install {packages} into the stand-in for {reference} ({reason}); containers on this machine must reach Debian's package mirror ({DebianMirror()}).");
            }

            foreach (var part in new[] { "sdk", "sdk-manifests", "packs", "templates", "dnx" }.Where(p => Path.Exists(Path.Combine(dotnet.Home, p))))
                docker.Run("cp", Path.Combine(dotnet.Home, part), $"{container}:/usr/share/dotnet/{part}");
            // This machine's trust: what its NuGet restores trust, a restore inside the build trusts too.
            if (File.Exists("/etc/ssl/certs/ca-certificates.crt"))
                docker.Run("cp", "--follow-link", "/etc/ssl/certs/ca-certificates.crt", $"{container}:/etc/ssl/certs/ca-certificates.crt");
            var sdk = Settings(DotNetImageKind.Sdk, StandInRecipe.Official, ContainerPlatform.Parse(docker.EnginePlatform, "The Docker engine's platform"), native: true, versions);
            var inherited = OfficialDotNetImages.Environment(DotNetImageKind.AspNet, versions).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
            var labels = new Dictionary<string, string>(sdk.Labels) { [ImageLabels.StandIn] = sdk.Labels[ImageLabels.StandIn] + ", with this machine's CA store" };
            docker.Run([
                "commit",
                .. sdk.Environment.Where(e => !inherited.Contains(e.Key)).SelectMany(e => new[] { "--change", $"ENV {e.Key}={e.Value}" }),
                .. labels.SelectMany(l => new[] { "--change", $"LABEL \"{l.Key}\"=\"{l.Value}\"" }),
                "--change", "CMD [\"/bin/bash\"]",
                container, reference]);
        }
        finally
        {
            docker.Cleanup("rm", "--force", container);
        }
    }

    private static string Debian(string release) => release switch
    {
        "bullseye" => "Debian 11 (bullseye)",
        "bookworm" => "Debian 12 (bookworm)",
        "trixie" => "Debian 13 (trixie)",
        _ => $"Debian {release}",
    };

    /// <summary>Debian's name for the architecture, where it differs from Docker's.</summary>
    private static string DebianArchitecture(ContainerPlatform platform) => (platform.Architecture, platform.Variant) switch
    {
        ("386", _) => "i386",
        ("arm", "v6") => "armel",
        ("arm", _) => "armhf",
        ("ppc64le", _) => "ppc64el",
        (var architecture, _) => architecture,
    };

    /// <summary>The user the official images create (useradd --create-home: a home of its own, the default shell).</summary>
    private void AddAppUser(AbsolutePath rootfs, StandInRecipe recipe)
    {
        var (user, id) = (recipe.AppUser, recipe.AppUserId);
        File.AppendAllText(rootfs / "etc/passwd", $"{user}:x:{id}:{id}::/home/{user}:/bin/sh\n");
        File.AppendAllText(rootfs / "etc/group", $"{user}:x:{id}:\n");
        Directory.CreateDirectory(rootfs / "home" / user);
        runner.Run(new ToolInvocation(tools.Resolve("chown"), [$"{id}:{id}", rootfs / "home" / user]) { LogOutput = false });
    }

    /// <summary>The Debian mirror this machine's apt uses, so the stand-in comes from where packages already come from.</summary>
    private static string DebianMirror()
    {
        foreach (var file in new[] { "/etc/apt/sources.list.d/debian.sources", "/etc/apt/sources.list" }.Where(File.Exists))
        {
            foreach (var line in File.ReadAllLines(file).Select(l => l.Trim()))
            {
                if (line.StartsWith("URIs:", StringComparison.Ordinal) && !line.Contains("security", StringComparison.Ordinal))
                    return line[5..].Trim().Split(' ')[0];
                if (line.StartsWith("deb ", StringComparison.Ordinal) && !line.Contains("security", StringComparison.Ordinal))
                    return line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            }
        }

        return "http://deb.debian.org/debian";
    }

    private void Tar(AbsolutePath folder, AbsolutePath archive) =>
        runner.Run(new ToolInvocation(tools.Resolve("tar"), ["-C", folder, "-cf", archive, "."]) { LogOutput = false });

    private void Copy(IReadOnlyList<string> from, AbsolutePath to) =>
        runner.Run(new ToolInvocation(tools.Resolve("cp"), ["-a", .. from, to]) { LogOutput = false });

    private void Remove(AbsolutePath directory)
    {
        if (directory.DirectoryExists())
            runner.Run(new ToolInvocation(tools.Resolve("rm"), ["-rf", "--one-file-system", directory]) { LogOutput = false });
    }
}
