namespace Keel.Containers;

/// <summary>What a build allows its container steps to do, and how its own options are named in their messages.</summary>
public sealed record ContainerOptions
{
    /// <summary>
    /// Install missing tools (Docker, the registry, debootstrap) with apt-get when running as root on Debian or Ubuntu.
    /// Off unless the build asks: installing packages changes the machine. (A stopped default Docker engine is started
    /// either way, as the user's own tools would.)
    /// </summary>
    public bool InstallMissingTools { get; init; }

    /// <summary>Where the registry login comes from, named when a registry refuses it: the build's own options.</summary>
    public string CredentialsHint { get; init; } = "the registry credentials the build passed";

    /// <summary>
    /// The build's option that sets where the embedded registry runs (as the build spells it), named with a free address
    /// when something else holds the registry's port; null: the message suggests the address alone.
    /// </summary>
    public string? LocalRegistryOption { get; init; }

    /// <summary>The machine's facts; read from this machine when null.</summary>
    internal MachineFacts? Machine { get; init; }
}
