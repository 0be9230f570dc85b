namespace Keel;

/// <summary>
/// What a failed write into <c>.nuke/temp</c> asks of the user: space on its disk when the disk is full, a writable
/// folder otherwise. Keel has no option to move the temp folder, so freeing space is the fix.
/// </summary>
internal static class TemporaryFolderError
{
    private const int NoSpaceLeftOnDevice = 28;                       // ENOSPC, Linux and macOS
    private const int WindowsDiskFull = unchecked((int)0x80070070);   // ERROR_DISK_FULL
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    public static bool IsDiskFull(Exception error) =>
        error is IOException { HResult: NoSpaceLeftOnDevice or WindowsDiskFull or WindowsHandleDiskFull };

    /// <summary>Why the write failed, for the parentheses after the folder's name.</summary>
    public static string Reason(Exception error) => IsDiskFull(error) ? "its disk is full" : error.Message;

    /// <summary>What the user does about it, before "and run again".</summary>
    public static string Fix(Exception error) => IsDiskFull(error) ? "free space on that disk" : "make the folder writable";
}
