using Keel.Execution;
using Keel.GitHubActions;
using Keel.Lifecycle;

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

    /// <summary>Every pushed reference, one per line (not the release tags the push left on a later release).</summary>
    public const string Tags = "tags";

    /// <summary>
    /// What a part of a distributed publish pushed, platform=digest (<c>linux/arm64=sha256:...</c>), one pair a platform,
    /// comma-separated: what the merge job is handed (--platform-digests).
    /// </summary>
    public const string PlatformDigests = "platform-digests";

    /// <summary>The image, as a later step of the job that pushed it reads it (an attestation's subject-name).</summary>
    public const string ImageOfBuildStep = "${{ steps." + BuildStep.Id + ".outputs." + Image + " }}";

    /// <summary>The pushed digest, as a later step of the job that pushed it reads it (an attestation's subject-digest).</summary>
    public const string DigestOfBuildStep = "${{ steps." + BuildStep.Id + ".outputs." + Digest + " }}";

    /// <summary>
    /// Reports a verified push as it is done: its job outputs, and a section of the build's summary (the image, its
    /// digest, every tag, and the release tags left on a later release), kept when a later target fails.
    /// </summary>
    internal static void Report(BuildOutputs outputs, PushResult push)
    {
        outputs.Report(Image, push.Repository);
        outputs.Report(Digest, push.Digest);
        outputs.Report(Tags, string.Join('\n', push.Tags.Select(tag => $"{push.Repository}:{tag}")));
        outputs.Summarize(new SummarySection($"Pushed `{push.Repository}`",
            $"Digest `{push.Digest}`\n\n| Tag |\n| --- |\n" + string.Concat(push.Tags.Select(tag => $"| `{push.Repository}:{tag}` |\n"))
            + string.Concat(push.Held.Select((held, i) => $"{(i == 0 ? "\n" : "")}- {held}\n"))));
    }

    /// <summary>
    /// Reports what a part of a distributed publish pushed: every platform's digest for the merge job, the image and
    /// its own tags, the digest itself where the part is one platform, and a section of the summary.
    /// </summary>
    internal static void Report(BuildOutputs outputs, IReadOnlyList<PlatformPush> pushes)
    {
        outputs.Report(Image, pushes[0].Repository);
        if (pushes.Count == 1)
            outputs.Report(Digest, pushes[0].Digest);
        outputs.Report(PlatformDigests, string.Join(',', pushes.Select(push => $"{push.Platform}={push.Digest}")));
        outputs.Report(Tags, string.Join('\n', pushes.SelectMany(push => push.Tags.Select(tag => $"{push.Repository}:{tag}"))));
        outputs.Summarize(new SummarySection($"Pushed `{pushes[0].Repository}` for {string.Join(", ", pushes.Select(push => push.Platform))}",
            "| Platform | Digest | Tags |\n| --- | --- | --- |\n"
            + string.Concat(pushes.Select(push => $"| {push.Platform} | `{push.Digest}` | {string.Join(", ", push.Tags.Select(tag => $"`{tag}`"))} |\n"))
            + "\nThe index under the version's tags is the merge's (MergeImage).\n"));
    }
}
