namespace Keel.Containers;

/// <summary>When the base image cannot be pulled, whether a stand-in assembled on this machine may take its place.</summary>
public enum StandInRule
{
    /// <summary>Never: the base image was named by the user, and a missing one is a mistake to report.</summary>
    Never,

    /// <summary>For images that go to a registry on this machine only (the default base image's rule).</summary>
    ThisMachineOnly,

    /// <summary>Wherever the image goes (the user asked for it).</summary>
    Anywhere,
}
