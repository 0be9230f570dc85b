namespace Keel.Containers;

/// <summary>
/// The job outputs a push reports, for steps after the build (an attestation, a deployment):
/// <c>Outputs = [ImageOutputs.Image, ImageOutputs.Digest, ImageOutputs.Tags]</c> on a [GitHubActions] workflow.
/// </summary>
public static class ImageOutputs
{
    /// <summary>The repository, registry included: <c>ghcr.io/acme/store</c>.</summary>
    public const string Image = "image";

    /// <summary>The pushed digest: <c>sha256:...</c>.</summary>
    public const string Digest = "digest";

    /// <summary>Every pushed reference, one per line.</summary>
    public const string Tags = "tags";

    /// <summary>The outputs of one push, by name.</summary>
    public static IReadOnlyList<(string Name, string Value)> Of(PushResult push) =>
    [
        (Image, push.Repository),
        (Digest, push.Digest),
        (Tags, string.Join('\n', push.Tags.Select(tag => $"{push.Repository}:{tag}"))),
    ];

    /// <summary>The summary section of one push: the image, its digest and every tag.</summary>
    public static string Markdown(PushResult push) =>
        $"Digest `{push.Digest}`\n\n| Tag |\n| --- |\n" + string.Concat(push.Tags.Select(tag => $"| `{push.Repository}:{tag}` |\n"));
}
