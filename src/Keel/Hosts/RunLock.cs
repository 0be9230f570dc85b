using Keel.Logging;

namespace Keel.Hosts;

/// <summary>
/// One build at a time in a clone: runs share .nuke/temp (the log, caches, credentials), so a second run waits for
/// the first, says so once, and Ctrl-C ends the wait. The lock is the operating system's, so a killed run holds it no longer.
/// </summary>
internal sealed class RunLock : IDisposable
{
    private readonly FileStream _file;

    private RunLock(FileStream file) => _file = file;

    /// <summary>The lock, or null when the wait was cancelled.</summary>
    public static RunLock? Acquire(AbsolutePath temporaryDirectory, BuildConsole console, CancellationToken cancellationToken)
    {
        var path = temporaryDirectory / "run.lock";
        var told = false;
        while (true)
        {
            try
            {
                return new RunLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (File.Exists(path))
            {
                if (!told)
                {
                    console.Out.WriteLine("Another build is running in this clone; waiting for it to finish (Ctrl-C stops waiting) ...");
                    console.Out.Flush();
                    told = true;
                }

                if (cancellationToken.WaitHandle.WaitOne(200))
                    return null;
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
