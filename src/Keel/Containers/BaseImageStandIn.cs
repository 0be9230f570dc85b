using Keel.Machine;
using Keel.Tooling;
using Serilog;

namespace Keel.Containers;

/// <summary>
/// Makes sure the Dockerfile's base image exists locally. When it is neither there nor pullable (no internet
/// registry), it assembles a stand-in for the ASP.NET Core runtime image from Debian (debootstrap) and this
/// machine's own .NET runtime, tags it with the expected name, and warns.
/// </summary>
public sealed class BaseImageStandIn(DockerTool docker, MachineSetup machine, ProcessRunner runner, ToolResolver tools, AbsolutePath temporaryDirectory, ILogger log)
{
    /// <summary>The non-root user of Microsoft's .NET images (app, uid 1654), which the Dockerfile runs as.</summary>
    public const int AppUid = 1654;

    public void Ensure(string image)
    {
        if (docker.ImageExists(image))
            return;
        log.Information("Pulling the base image {Image} ...", image);
        var pull = docker.Query("pull", image);
        if (pull.ExitCode == 0)
            return;

        var reason = pull.Output.Select(l => l.Text.Trim()).LastOrDefault(l => l.Length > 0) ?? "no answer";
        log.Warning("Could not pull {Image} ({Reason}); making a local stand-in from Debian bookworm and this machine's .NET runtime.", image, reason);
        var debootstrap = machine.Require("debootstrap", "debootstrap", "the base image has to be made locally");
        var work = temporaryDirectory / "base-image";
        var rootfs = work / "rootfs";
        Remove(work);
        Directory.CreateDirectory(work);
        try
        {
            runner.Run(new ToolInvocation(debootstrap, ["--variant=minbase", "--include=libicu72,ca-certificates,tzdata", "bookworm", rootfs, DebianMirror()]) { LogOutput = false });
            CopyDotNetRuntime(rootfs);
            AddAppUser(rootfs);
            var archive = work / "rootfs.tar";
            runner.Run(new ToolInvocation(tools.Resolve("tar"), ["-C", rootfs, "-cf", archive, "."]) { LogOutput = false });
            docker.Run("import",
                "--change", "ENV DOTNET_ROOT=/usr/share/dotnet",
                "--change", "ENV PATH=/usr/share/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "--change", $"ENV APP_UID={AppUid}",
                "--change", "WORKDIR /app",
                archive, image);
            log.Warning("Tagged the local stand-in as {Image}; images built on it run this machine's .NET runtime.", image);
        }
        finally
        {
            Remove(work);
        }
    }

    private void CopyDotNetRuntime(AbsolutePath rootfs)
    {
        var dotnet = new FileInfo(tools.Resolve("dotnet"));
        var home = (dotnet.LinkTarget is { } target ? new FileInfo(Path.Combine(dotnet.DirectoryName!, target)) : dotnet).Directory!.FullName;
        var destination = rootfs / "usr/share/dotnet";
        Directory.CreateDirectory(destination / "shared");
        var cp = tools.Resolve("cp");
        runner.Run(new ToolInvocation(cp, ["-a", Path.Combine(home, "dotnet"), Path.Combine(home, "host"), destination]) { LogOutput = false });
        foreach (var framework in new[] { "Microsoft.NETCore.App", "Microsoft.AspNetCore.App" })
        {
            var versions = Directory.EnumerateDirectories(Path.Combine(home, "shared", framework)).OrderBy(v => v, StringComparer.Ordinal).ToList();
            if (versions.Count == 0)
                throw new BuildException($"This machine has no {framework} runtime in {home} to put into the stand-in base image; install the ASP.NET Core runtime.");
            Directory.CreateDirectory(destination / "shared" / framework);
            runner.Run(new ToolInvocation(cp, ["-a", versions[^1], destination / "shared" / framework]) { LogOutput = false });
        }

        File.CreateSymbolicLink(rootfs / "usr/bin/dotnet", "/usr/share/dotnet/dotnet");
    }

    private static void AddAppUser(AbsolutePath rootfs)
    {
        File.AppendAllText(rootfs / "etc/passwd", $"app:x:{AppUid}:{AppUid}:app:/home/app:/usr/sbin/nologin\n");
        File.AppendAllText(rootfs / "etc/group", $"app:x:{AppUid}:\n");
        Directory.CreateDirectory(rootfs / "home/app");
        Directory.CreateDirectory(rootfs / "app");
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
