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
    /// <param name="baseImage">The base image the Dockerfile builds on, and its stand-in rule and recipe.</param>
    /// <param name="registry">Where the image built on it goes (host[:port]).</param>
    public void Ensure(BaseImage baseImage, string registry)
    {
        var (image, rule) = (baseImage.Name, baseImage.StandIn);
        var allowed = rule == StandInRule.Anywhere || (rule == StandInRule.ThisMachineOnly && RegistryCredentials.IsOnThisMachine(registry));
        if (docker.ImageExists(image))
        {
            if (!IsStandIn(image))
                return;
            if (allowed)
            {
                log.Warning("Building on the local stand-in for {Image} (this machine's .NET runtime on Debian); the image carries the label {Label}.", image, ImageLabels.StandIn);
                return;
            }

            // The real image may be reachable now; it replaces the stand-in.
            if (docker.Pull(image).ExitCode == 0 && !IsStandIn(image))
                return;
            throw NotHere(baseImage, registry);
        }

        log.Information("Pulling the base image {Image} ...", image);
        var pull = docker.Pull(image);
        if (pull.ExitCode == 0)
            return;

        var reason = pull.Output.Select(l => l.Text.Trim()).LastOrDefault(l => l.Length > 0) ?? "no answer";
        if (rule == StandInRule.Never)
            throw new BuildException($"The base image {image} could not be pulled ({reason}); check its name, that its registry answers and that you are logged in to it.");
        if (!allowed)
            throw NotHere(baseImage, registry);
        var recipe = baseImage.Recipe ?? throw new BuildException($"The base image {image} could not be pulled ({reason}), and the build gave no recipe for a stand-in.");
        log.Warning("Could not pull {Image} ({Reason}); making a local stand-in from Debian {Release} and this machine's .NET runtime.", image, reason, recipe.DebianRelease);
        var debootstrap = machine.Require("debootstrap", "debootstrap", "the base image has to be made locally");
        var work = temporaryDirectory / "base-image";
        var rootfs = work / "rootfs";
        Remove(work);
        Directory.CreateDirectory(work);
        try
        {
            runner.Run(new ToolInvocation(debootstrap, ["--variant=minbase", .. recipe.Packages.Count > 0 ? (string[])[$"--include={string.Join(',', recipe.Packages)}"] : [], recipe.DebianRelease, rootfs, DebianMirror()]) { LogOutput = false });
            CopyDotNetRuntime(rootfs, recipe.SharedFrameworks);
            AddAppUser(rootfs, recipe);
            var archive = work / "rootfs.tar";
            runner.Run(new ToolInvocation(tools.Resolve("tar"), ["-C", rootfs, "-cf", archive, "."]) { LogOutput = false });
            docker.Run("import",
                "--change", "ENV DOTNET_ROOT=/usr/share/dotnet",
                "--change", "ENV PATH=/usr/share/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "--change", $"ENV APP_UID={recipe.AppUserId}",
                "--change", $"WORKDIR {recipe.WorkingDirectory}",
                "--change", $"LABEL {ImageLabels.StandIn}=\"assembled offline from Debian {recipe.DebianRelease} and this machine's .NET runtime\"",
                archive, image);
            log.Warning("Tagged the local stand-in as {Image}; images built on it run this machine's .NET runtime.", image);
        }
        finally
        {
            Remove(work);
        }
    }

    private bool IsStandIn(string image) =>
        docker.Query("image", "inspect", "--format", $"{{{{ index .Config.Labels \"{ImageLabels.StandIn}\" }}}}", image).StandardOutput.Trim() is { Length: > 0 } and not "<no value>";

    private static BuildException NotHere(BaseImage baseImage, string registry) =>
        new($"The base image {baseImage.Name} cannot be pulled here, and the local stand-in for it (Debian and this machine's .NET runtime) only goes to a registry on this machine, not {registry}; build where {baseImage.Name} can be pulled, or {baseImage.AllowAnywhereHint} if you mean to publish on the stand-in.");

    private void CopyDotNetRuntime(AbsolutePath rootfs, IReadOnlyList<string> frameworks)
    {
        var dotnet = new FileInfo(tools.Resolve("dotnet"));
        var home = (dotnet.LinkTarget is { } target ? new FileInfo(Path.Combine(dotnet.DirectoryName!, target)) : dotnet).Directory!.FullName;
        var destination = rootfs / "usr/share/dotnet";
        Directory.CreateDirectory(destination / "shared");
        var cp = tools.Resolve("cp");
        runner.Run(new ToolInvocation(cp, ["-a", Path.Combine(home, "dotnet"), Path.Combine(home, "host"), destination]) { LogOutput = false });
        foreach (var framework in frameworks)
        {
            var shared = Path.Combine(home, "shared", framework);
            var versions = (Directory.Exists(shared) ? Directory.EnumerateDirectories(shared) : []).OrderBy(v => v, StringComparer.Ordinal).ToList();
            if (versions.Count == 0)
                throw new BuildException($"This machine has no {framework} runtime in {home} to put into the stand-in base image; install that runtime.");
            Directory.CreateDirectory(destination / "shared" / framework);
            runner.Run(new ToolInvocation(cp, ["-a", versions[^1], destination / "shared" / framework]) { LogOutput = false });
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
