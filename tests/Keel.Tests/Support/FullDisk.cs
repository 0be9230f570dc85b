namespace Keel.Tests.Support;

/// <summary>
/// A real full disk: a small tmpfs mounted over a folder (which needs root, as these tests run here), filled until
/// the kernel says "No space left on device", and unmounted again on dispose.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FullDisk : IDisposable
{
    private readonly string _folder;

    private FullDisk(string folder) => _folder = folder;

    /// <summary>Mounts a tmpfs of <paramref name="kilobytes"/> over <paramref name="folder"/>; fill it with <see cref="Fill"/>.</summary>
    public static FullDisk MountOver(string folder, int kilobytes = 256)
    {
        Directory.CreateDirectory(folder);
        var mount = Command.Run("mount", ["-t", "tmpfs", "-o", $"size={kilobytes}k", "keel-tests-full", folder], folder);
        Assert.True(mount.ExitCode == 0, $"This test needs to mount a tmpfs (as root) to make a real full disk, and could not: {mount.Output}");
        return new FullDisk(folder);
    }

    /// <summary>Writes a file until the disk has no byte left.</summary>
    public void Fill() => Fill(_folder);

    /// <summary>Writes a file named "filler" into <paramref name="folder"/> until its disk has no byte left: what a build that fills the disk does.</summary>
    public static void Fill(string folder)
    {
        using var filler = new FileStream(Path.Combine(folder, "filler"), FileMode.Append, FileAccess.Write, FileShare.None, bufferSize: 0);
        foreach (var size in new[] { 4096, 1 })
        {
            try
            {
                while (true)
                    filler.Write(new byte[size]);
            }
            catch (IOException)
            {
                // Nothing more of this size fits.
            }
        }
    }

    /// <summary>Frees the disk again (the filler goes).</summary>
    public void Free() => File.Delete(Path.Combine(_folder, "filler"));

    public void Dispose()
    {
        var unmount = Command.Run("umount", [_folder], "/");
        if (unmount.ExitCode != 0)
            Command.Run("umount", ["-l", _folder], "/");
    }
}
