namespace EndToEnd.Tests.Workflows;

/// <summary>
/// What docker/setup-qemu-action does on a runner, done here: QEMU registered in the kernel's binfmt_misc for each
/// architecture asked for, so that another processor's programs (and containers) run. The interpreter comes from
/// Debian's qemu-user-static (its binfmt.d files), as the engine's own emulation set-up takes it
/// (src/Keel.Containers/Platforms/Emulation.cs); a registration that is already there is kept.
/// </summary>
public static class EmulationSetup
{
    private const string Binfmt = "/proc/sys/fs/binfmt_misc";

    private static readonly Dictionary<string, string> Interpreters = new(StringComparer.Ordinal)
    {
        ["arm64"] = "qemu-aarch64",
        ["arm"] = "qemu-arm",
        ["386"] = "qemu-i386",
        ["ppc64le"] = "qemu-ppc64le",
        ["s390x"] = "qemu-s390x",
        ["riscv64"] = "qemu-riscv64",
    };

    private static readonly Lock Registering = new();

    /// <summary>Makes <paramref name="architecture"/>'s programs run here; says what it found or did.</summary>
    public static string Ensure(string architecture)
    {
        if (architecture == "amd64")
            return "linux/amd64 is this machine's own platform";
        if (!Interpreters.TryGetValue(architecture, out var name))
            throw new WorkflowException($"No emulator is known for linux/{architecture}.");
        lock (Registering)
        {
            if (Enabled(name))
                return $"linux/{architecture} emulation is registered ({name} in binfmt_misc)";
            if (!File.Exists(Path.Combine(Binfmt, "register")))
            {
                var mount = Shell.Run("mount", ["-t", "binfmt_misc", "binfmt_misc", Binfmt]);
                if (mount.ExitCode != 0)
                    throw new WorkflowException($"linux/{architecture} emulation needs binfmt_misc, which is not mounted at {Binfmt} and could not be mounted: {mount.Output.Trim()}");
            }

            var configuration = $"/usr/lib/binfmt.d/{name}.conf";
            if (!File.Exists(configuration))
                throw new WorkflowException($"linux/{architecture} emulation is not registered and qemu-user-static is not installed ({configuration} is missing): apt-get install qemu-user-static (.ci/run installs it).");
            if (File.Exists(Path.Combine(Binfmt, name)))
                File.WriteAllText(Path.Combine(Binfmt, name), "1");
            else
                File.WriteAllText(Path.Combine(Binfmt, "register"), File.ReadLines(configuration).First(l => l.StartsWith(':')));
            return Enabled(name)
                ? $"linux/{architecture} emulation registered now ({name} from {configuration})"
                : throw new WorkflowException($"Registering linux/{architecture} emulation ({name}) in {Binfmt} did not take.");
        }
    }

    private static bool Enabled(string name) =>
        File.Exists(Path.Combine(Binfmt, name)) && File.ReadLines(Path.Combine(Binfmt, name)).FirstOrDefault() == "enabled";
}
