namespace Keel.Containers;

/// <summary>The labels Keel reads back from images, beside the OCI ones it writes.</summary>
internal static class ImageLabels
{
    /// <summary>The commit an image was built from (OCI).</summary>
    public const string Revision = "org.opencontainers.image.revision";

    /// <summary>The version an image carries (OCI).</summary>
    public const string Version = "org.opencontainers.image.version";

    /// <summary>On an image built from a working tree with uncommitted changes: that tree's git object id.</summary>
    public const string ModifiedTree = "dev.keel.image.modified-tree";

    /// <summary>On the image of a pull request: the pull request's head commit (the revision is the commit that was built, its merge commit).</summary>
    public const string PullRequestHead = "dev.keel.image.pull-request-head";

    /// <summary>On a base image Keel assembled on this machine because the real one could not be pulled, and on every image built on it.</summary>
    public const string StandIn = "dev.keel.image.stand-in";
}
