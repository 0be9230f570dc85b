using Keel.Tooling;
using Serilog;

namespace Keel.Containers;

/// <summary>
/// Makes sure the Dockerfile's base image exists locally. When it is neither there nor pullable (no internet
/// registry) and the rule allows it, it assembles a stand-in for the ASP.NET Core runtime image from Debian
/// (debootstrap) and this machine's own .NET runtime, tags it with the expected name, labels it as a stand-in
/// (images built on it inherit the label), and warns. A stand-in never goes where the rule does not allow it.
/// </summary>
internal sealed class BaseImageStandIn(DockerTool docker, MachineSetup machine, ProcessRunner runner, ToolResolver tools, AbsolutePath temporaryDirectory, ILogger log)
{
    /// <summary>
    /// Makes sure the base image is there for the platform and returns the local reference to build it from: the base
    /// image's own name for the engine's platform; for another platform, the name with the platform appended
    /// (mcr.microsoft.com/dotnet/aspnet:10.0-linux-arm64), as one local tag holds one platform's image at a time.
    /// </summary>
    /// <param name="baseImage">The base image the Dockerfile builds on, and its stand-in rule and recipe.</param>
    /// <param name="registry">Where the image built on it goes (host[:port]).</param>
    /// <param name="platform">The platform to build for.</param>
    /// <param name="native">Whether the platform is the engine's own.</param>
    public string Ensure(BaseImage baseImage, string registry, ContainerPlatform platform, bool native)
    {
        var local = LocalReference(baseImage.Name, platform, native);
        var allowed = baseImage.StandIn == StandInRule.Anywhere || (baseImage.StandIn == StandInRule.ThisMachineOnly && RegistryCredentials.IsOnThisMachine(registry));
        // What the engine holds under the local name (null: nothing); a failed pull below leaves it as it is.
        bool? standIn = docker.ImageExists(local) ? IsStandIn(local) : null;
        if (standIn == false && native)
            return local;
        if (standIn == true && allowed)
        {
            log.Warning("Building {Platform} on the local stand-in for {Image} ({Runtime} on Debian); the image carries the label {Label}.", platform, baseImage.Name, native ? "this machine's .NET runtime" : $"the .NET runtime packs for {platform.RuntimeIdentifier}", ImageLabels.StandIn);
            return local;
        }

        log.Information("Pulling the base image {Image} for {Platform} ...", baseImage.Name, platform);
        var pull = docker.Pull(baseImage.Name, native ? null : platform.ToString());
        if (pull.ExitCode == 0 && !IsStandIn(baseImage.Name))
        {
            if (!native)
            {
                // The pull put the other platform's image under the base image's name: keep it under its own, and give
                // the name back to the engine's platform.
                docker.Run("tag", baseImage.Name, local);
                if (docker.Pull(baseImage.Name).ExitCode != 0)
                    docker.Cleanup("image", "rm", baseImage.Name);
            }

            return local;
        }

        // The base image pulled for that platform on an earlier run, or a stand-in this registry may not have.
        if (standIn == false)
            return local;
        if (standIn == true)
            throw NotHere(baseImage, registry);

        var reason = pull.Output.Select(l => l.Text.Trim()).LastOrDefault(l => l.Length > 0) ?? "no answer";
        if (baseImage.StandIn == StandInRule.Never)
            throw new BuildException($"The base image {baseImage.Name} could not be pulled{(native ? "" : $" for {platform}")} ({reason}); check its name, that its registry answers and that you are logged in to it.");
        if (!allowed)
            throw NotHere(baseImage, registry);
        var recipe = baseImage.Recipe ?? throw new BuildException($"The base image {baseImage.Name} could not be pulled ({reason}), and the build gave no recipe for a stand-in.");
        log.Warning("Could not pull {Image} for {Platform} ({Reason}); making a local stand-in from Debian {Release} and {Runtime}.", baseImage.Name, platform, reason, recipe.DebianRelease, native ? "this machine's .NET runtime" : "the .NET runtime packs from NuGet");
        Make(recipe, platform, native, local);
        log.Warning("Tagged the local stand-in as {Image}; images built on it run {Runtime}.", local, native ? "this machine's .NET runtime" : $"the .NET runtime packs for {platform.RuntimeIdentifier}");
        return local;
    }

    /// <summary>
    /// The local name a platform's base image is kept under: the base image's own name for the engine's platform, for
    /// another its tag with the platform appended.
    /// </summary>
    public static string LocalReference(string image, ContainerPlatform platform, bool native)
    {
        if (native)
            return image;
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var repository = at >= 0 ? image[..at] : image;
        var colon = repository.LastIndexOf(':');
        var (name, tag) = colon > repository.LastIndexOf('/') ? (repository[..colon], repository[(colon + 1)..]) : (repository, "latest");
        if (at >= 0)
            tag = $"{tag}-{image[(at + 1)..].Replace("sha256:", "", StringComparison.Ordinal)[..12]}";
        return $"{name}:{tag}-{platform.TagSuffix}";
    }

    /// <summary>Debian (debootstrap, for the platform's architecture) with .NET and the app's user, loaded as one layer.</summary>
    private void Make(StandInRecipe recipe, ContainerPlatform platform, bool native, string reference)
    {
        var debootstrap = machine.Require("debootstrap", "debootstrap", "the base image has to be made locally");
        var work = temporaryDirectory / $"base-image-{platform.TagSuffix}";
        var rootfs = work / "rootfs";
        Remove(work);
        Directory.CreateDirectory(work);
        try
        {
            runner.Run(new ToolInvocation(debootstrap,
            [
                "--variant=minbase", $"--arch={DebianArchitecture(platform)}",
                .. recipe.Packages.Count > 0 ? (string[])[$"--include={string.Join(',', recipe.Packages)}"] : [],
                recipe.DebianRelease, rootfs, DebianMirror(),
            ]) { LogOutput = false });
            var frameworks = HostFrameworks(recipe.SharedFrameworks);
            if (native)
                CopyDotNetRuntime(rootfs, frameworks);
            else
                new ForeignRuntime(runner, tools, temporaryDirectory, log).Install(rootfs / "usr/share/dotnet", platform, [.. frameworks.Select(f => (f.Framework, f.Version))]);
            AddAppUser(rootfs, recipe);
            var image = work / "image";
            Directory.CreateDirectory(image);
            var layer = image / "layer.tar";
            runner.Run(new ToolInvocation(tools.Resolve("tar"), ["-C", rootfs, "-cf", layer, "."]) { LogOutput = false });
            ImageArchive.Write(image, layer, platform, reference, new ImageSettings(
                [
                    new("PATH", "/usr/share/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                    new("DOTNET_ROOT", "/usr/share/dotnet"),
                    new("APP_UID", recipe.AppUserId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ],
                recipe.WorkingDirectory,
                new Dictionary<string, string> { [ImageLabels.StandIn] = $"assembled offline from Debian {recipe.DebianRelease} and {(native ? "this machine's .NET runtime" : $".NET runtime packs for {platform.RuntimeIdentifier}")}" },
                $"Keel stand-in for {platform}"));
            var archive = work / "image.tar";
            runner.Run(new ToolInvocation(tools.Resolve("tar"), ["-C", image, "-cf", archive, "."]) { LogOutput = false });
            docker.Run("load", "--input", archive);
        }
        finally
        {
            Remove(work);
        }
    }

    /// <summary>Debian's name for the architecture, where it differs from Docker's.</summary>
    private static string DebianArchitecture(ContainerPlatform platform) => (platform.Architecture, platform.Variant) switch
    {
        ("386", _) => "i386",
        ("arm", "v6") => "armel",
        ("arm", _) => "armhf",
        ("ppc64le", _) => "ppc64el",
        (var architecture, _) => architecture,
    };

    private bool IsStandIn(string image) =>
        docker.Query("image", "inspect", "--format", $"{{{{ index .Config.Labels \"{ImageLabels.StandIn}\" }}}}", image).StandardOutput.Trim() is { Length: > 0 } and not "<no value>";

    private static BuildException NotHere(BaseImage baseImage, string registry) =>
        new($"The base image {baseImage.Name} cannot be pulled here, and the local stand-in for it (Debian and this machine's .NET runtime) only goes to a registry on this machine, not {registry}; build where {baseImage.Name} can be pulled, or {baseImage.AllowAnywhereHint} if you mean to publish on the stand-in.");

    /// <summary>This machine's .NET install and the newest version of each shared framework the recipe names.</summary>
    private IReadOnlyList<(string Framework, string Version, string Folder)> HostFrameworks(IReadOnlyList<string> frameworks)
    {
        var home = DotNetHome();
        return [.. frameworks.Select(framework =>
        {
            var shared = Path.Combine(home, "shared", framework);
            var versions = (Directory.Exists(shared) ? Directory.EnumerateDirectories(shared) : []).OrderBy(v => v, StringComparer.Ordinal).ToList();
            return versions.Count == 0
                ? throw new BuildException($"This machine has no {framework} runtime in {home} to put into the stand-in base image; install that runtime.")
                : (framework, Path.GetFileName(versions[^1]), versions[^1]);
        })];
    }

    private string DotNetHome()
    {
        var dotnet = new FileInfo(tools.Resolve("dotnet"));
        return (dotnet.LinkTarget is { } target ? new FileInfo(Path.Combine(dotnet.DirectoryName!, target)) : dotnet).Directory!.FullName;
    }

    private void CopyDotNetRuntime(AbsolutePath rootfs, IReadOnlyList<(string Framework, string Version, string Folder)> frameworks)
    {
        var home = DotNetHome();
        var destination = rootfs / "usr/share/dotnet";
        Directory.CreateDirectory(destination / "shared");
        var cp = tools.Resolve("cp");
        runner.Run(new ToolInvocation(cp, ["-a", Path.Combine(home, "dotnet"), Path.Combine(home, "host"), destination]) { LogOutput = false });
        foreach (var (framework, _, folder) in frameworks)
        {
            Directory.CreateDirectory(destination / "shared" / framework);
            runner.Run(new ToolInvocation(cp, ["-a", folder, destination / "shared" / framework]) { LogOutput = false });
        }

        File.CreateSymbolicLink(rootfs / "usr/bin/dotnet", "/usr/share/dotnet/dotnet");
    }

    private static void AddAppUser(AbsolutePath rootfs, StandInRecipe recipe)
    {
        var (user, id) = (recipe.AppUser, recipe.AppUserId);
        File.AppendAllText(rootfs / "etc/passwd", $"{user}:x:{id}:{id}:{user}:/home/{user}:/usr/sbin/nologin\n");
        File.AppendAllText(rootfs / "etc/group", $"{user}:x:{id}:\n");
        Directory.CreateDirectory(rootfs / "home" / user);
        Directory.CreateDirectory(rootfs / recipe.WorkingDirectory.TrimStart('/'));
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

    private void Remove(AbsolutePath directory)
    {
        if (directory.DirectoryExists())
            runner.Run(new ToolInvocation(tools.Resolve("rm"), ["-rf", "--one-file-system", directory]) { LogOutput = false });
    }
}
