using Keel.Execution;
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
}
