namespace Keel.Hosts;

/// <summary>
/// The host of the build that is running, for NUKE's static <c>IsLocalBuild</c>, <c>IsServerBuild</c> and <c>Host</c>,
/// which field initializers read before the build has its services. It flows with the run (an async local set by
/// <see cref="BuildHost"/>), so builds run side by side in one process each see their own.
/// </summary>
internal static class AmbientHost
{
    private static readonly AsyncLocal<Host?> Value = new();

    public static Host? Current
    {
        get => Value.Value;
        set => Value.Value = value;
    }
}
