using Keel.Tooling;
using Serilog;

namespace Keel.Containers;

/// <summary>
/// One push to a registry, under the login <see cref="ImagePushStep"/> holds: the images go up so that
/// immutable tags never move (a re-run keeps what the registry has of this commit; tags of another commit stop the push
/// before anything is written), floating tags follow once the immutable ones are verified (release tags only forward),
/// and several platforms' images are joined in one OCI index that is read back through the registry API.
/// </summary>
internal sealed class RegistryPublication(DockerTool docker, RegistryClient registry, TimeSpan? callLimit, Retry retry, ILogger log, CancellationToken cancellation)
{
    /// <summary>
    /// Publishes the set's images (one: a single image; several: each, then the index) and returns what the registry
    /// holds: the digest the plan's tags name, and the release tags left on a later release.
    /// </summary>
    public PushResult Publish(ImageSet images) =>
        images.IsIndex ? PublishIndex(images) : PublishImage(images.Plan);

    /// <summary>One image under all the plan's tags: immutable ones pushed (or kept), verified, then the floating ones.</summary>
    private PushResult PublishImage(ImagePlan plan)
    {
        var immutable = plan.Tags.Where(t => !t.Floating).ToList();
        var floating = plan.Tags.Where(t => t.Floating).ToList();
        var digest = PushImmutable(plan, Published(plan, immutable));
        Verify(plan, immutable, digest);
        var result = MoveFloating(plan, floating, digest);
        log.Information("Verified in {Registry}: {Count} tags resolve to {Digest}.", plan.Registry, result.Tags.Count, digest);
        return result;
    }

    /// <summary>Pushes the immutable tags, or points them at the image the registry already holds for this commit.</summary>
    private string PushImmutable(ImagePlan plan, string? published)
    {
        var immutable = plan.Tags.Where(t => !t.Floating).ToList();
        if (published is not null)
        {
            foreach (var tag in immutable)
                PointAt(plan, tag, published);
            return published;
        }

        var digests = immutable
            .Select(tag => Retried($"Pushing {plan.Repository}:{tag}", () => PushOne(plan, tag)))
            .Distinct()
            .ToList();
        return digests.Count == 1
            ? digests[0]
            : throw new BuildException($"The tags of {plan.Repository} were pushed with different digests ({string.Join(", ", digests)}); push again.");
    }

    /// <summary>Every platform's image under its own tags, then the index that lists them under the plan's tags.</summary>
    private PushResult PublishIndex(ImageSet images)
    {
        var plan = images.Plan;
        var immutable = plan.Tags.Where(t => !t.Floating).ToList();
        var digest = Published(plan, immutable);
        if (digest is null)
        {
            // Every check before the first write: a platform's tags of another commit stop the push with nothing written.
            var published = images.Images.Select(i => Published(i.Plan, [.. i.Plan.Tags])).ToList();
            var manifests = new List<PlatformManifest>();
            foreach (var (own, already) in images.Images.Zip(published))
            {
                var image = PushImmutable(own.Plan, already);
                Verify(own.Plan, own.Plan.Tags, image);
                manifests.Add(Manifest(plan, own.Platform, image));
            }

            digest = PutIndex(plan, immutable, manifests);
        }
        else
        {
            KeepIndex(plan, immutable, digest, images.Platforms);
        }

        return FinishIndex(plan, immutable, digest, images.Platforms, expected: null);
    }

    /// <summary>
    /// A part of a distributed publish: each platform's image under its own immutable tags alone (1.2.3-linux-arm64),
    /// pushed or kept as <see cref="PublishImage"/> keeps them, and verified; the index is the merge's. The index's own
    /// tags are checked first: when they name another commit's image, this part stops with nothing written, as every
    /// other part does, so no run writes a platform's image for a version that is already another commit's.
    /// </summary>
    public IReadOnlyList<PlatformPush> PublishPlatforms(ImageSet parts)
    {
        var plan = parts.Plan;
        Published(plan, [.. plan.Tags.Where(t => !t.Floating)], quiet: true);
        var published = parts.Images.Select(i => Published(i.Plan, [.. i.Plan.Tags])).ToList();
        var pushes = new List<PlatformPush>();
        foreach (var (own, already) in parts.Images.Zip(published))
        {
            var digest = PushImmutable(own.Plan, already);
            Verify(own.Plan, own.Plan.Tags, digest);
            log.Information("Verified in {Registry}: the {Platform} image {Digest} under {Tags}.", plan.Registry, own.Platform, digest, string.Join(", ", own.Plan.Tags));
            pushes.Add(new PlatformPush(own.Platform, own.Plan.Repository, digest, [.. own.Plan.Tags.Select(t => t.Name)]));
        }

        return pushes;
    }

    /// <summary>
    /// The merge of a distributed publish: every platform's image must be in the registry under its own tags, as this
    /// commit's, and at the digest its part reported (<paramref name="handed"/>, by platform; a platform missing there is
    /// read from its tags alone). Then the index goes under the plan's immutable tags, as <see cref="PublishIndex"/>
    /// writes it (a re-run keeps it; another commit's tags stop it), and the floating tags follow. The index must list
    /// exactly those digests.
    /// </summary>
    public PushResult Merge(ImageSet parts, IReadOnlyDictionary<string, string> handed)
    {
        var plan = parts.Plan;
        var immutable = plan.Tags.Where(t => !t.Floating).ToList();
        var existing = Published(plan, immutable);
        var manifests = new List<PlatformManifest>();
        foreach (var own in parts.Images)
        {
            var tag = own.Plan.Tags[0];
            var found = Published(own.Plan, [.. own.Plan.Tags], quiet: true)
                ?? throw new BuildException($"{own.Plan.Repository}:{tag} is not in {plan.Registry}: the {own.Platform} image was not pushed, so nothing was merged; run PushPlatformImage for {own.Platform} (its job of the workflow) first.");
            if (handed.TryGetValue(own.Platform.ToString(), out var reported) && reported != found)
                throw new BuildException($"The {own.Platform} job reported {reported}, but {own.Plan.Repository}:{tag} names {found} in {plan.Registry}; nothing was merged. Run the workflow again.");
            Verify(own.Plan, own.Plan.Tags, found);
            manifests.Add(Manifest(plan, own.Platform, found));
        }

        string digest;
        if (existing is null)
            digest = PutIndex(plan, immutable, manifests);
        else
            KeepIndex(plan, immutable, digest = existing, parts.Platforms);
        return FinishIndex(plan, immutable, digest, parts.Platforms, manifests.ToDictionary(m => m.Platform.ToString(), m => m.Digest));
    }

    /// <summary>A pushed platform image's manifest, as the index lists it.</summary>
    private PlatformManifest Manifest(ImagePlan plan, ContainerPlatform platform, string image)
    {
        var (body, mediaType) = Retried($"Reading {plan.Path}@{image}", () => registry.ManifestAsync(plan.Path, image, cancellation).GetAwaiter().GetResult());
        return new PlatformManifest(platform, image, mediaType, body.Length);
    }

    /// <summary>The index of the manifests, put under the immutable tags as bytes; a tag that already names it is left alone.</summary>
    private string PutIndex(ImagePlan plan, IReadOnlyList<ImageTag> immutable, IReadOnlyList<PlatformManifest> manifests)
    {
        var index = ImageIndex.Create(manifests, plan.Labels);
        var digest = ManifestDigest.Of(index);
        foreach (var tag in immutable)
        {
            Retried($"Pushing the index {plan.Repository}:{tag}", () =>
            {
                if (registry.ManifestDigestAsync(plan.Path, tag.Name, cancellation).GetAwaiter().GetResult() == digest)
                    return false;
                registry.PutManifestAsync(plan.Path, tag.Name, index, ImageIndex.MediaType, cancellation).GetAwaiter().GetResult();
                return true;
            });
        }

        return digest;
    }

    /// <summary>This commit published before: as an index, its tags stay where they are; as one platform's image, nothing goes there.</summary>
    private void KeepIndex(ImagePlan plan, IReadOnlyList<ImageTag> immutable, string digest, IReadOnlyList<ContainerPlatform> platforms)
    {
        var (existing, _) = Retried($"Reading {plan.Path}@{digest}", () => registry.ManifestAsync(plan.Path, digest, cancellation).GetAwaiter().GetResult());
        if (ImageIndex.Platforms(existing).Count == 0)
            throw new BuildException($"{plan.Repository}:{immutable[0]} is already this commit's image for one platform ({digest}), and tags that never move are not pushed again, so nothing was pushed; tag a new version to publish it for {string.Join(", ", platforms)}.");
        foreach (var tag in immutable)
            PointAt(plan, tag, digest);
    }

    /// <summary>The index verified under the immutable tags (and, given, at each platform's digest), then the floating tags.</summary>
    private PushResult FinishIndex(ImagePlan plan, IReadOnlyList<ImageTag> immutable, string digest, IReadOnlyList<ContainerPlatform> platforms, IReadOnlyDictionary<string, string>? expected)
    {
        Verify(plan, immutable, digest);
        var listed = VerifyIndex(plan, digest, platforms);
        if (expected?.FirstOrDefault(e => listed[e.Key] != e.Value) is { Key: not null } wrong)
            throw new BuildException($"{plan.Path}@{digest} in {plan.Registry} lists {listed[wrong.Key]} for {wrong.Key}, not its pushed {wrong.Value}; remove the index's tags from the registry, or tag a new version.");
        var result = MoveFloating(plan, [.. plan.Tags.Where(t => t.Floating)], digest);
        log.Information("Verified in {Registry}: {Count} tags resolve to the index {Digest} of {Platforms}.", plan.Registry, result.Tags.Count, digest, string.Join(", ", platforms));
        return result;
    }

    /// <summary>
    /// Points the floating tags at the verified digest and checks them. A release tag (latest, X, X.Y) that names an
    /// image of a later release stays there (<see cref="ReleaseAliasRule"/>), said in one line; the result lists the
    /// tags that name the digest, and why each one left behind stays.
    /// </summary>
    private PushResult MoveFloating(ImagePlan plan, IReadOnlyList<ImageTag> floating, string digest)
    {
        var held = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in floating)
        {
            if (Held(plan, tag, digest) is { } reason)
            {
                log.Information("{Reason}", reason);
                held[tag.Name] = reason;
            }
            else
            {
                PointAt(plan, tag, digest);
            }
        }

        Verify(plan, [.. floating.Where(t => !held.ContainsKey(t.Name))], digest);
        return new PushResult(plan.Repository, digest, [.. plan.Tags.Select(t => t.Name).Where(t => !held.ContainsKey(t))]) { Held = [.. held.Values] };
    }

    /// <summary>Why a release tag stays on the image it names now, read from that image's version label; null when it moves.</summary>
    private string? Held(ImagePlan plan, ImageTag tag, string digest)
    {
        if (!tag.ForwardOnly)
            return null;
        var current = Retried($"Looking up {plan.Path}:{tag}", () => registry.ManifestDigestAsync(plan.Path, tag.Name, cancellation).GetAwaiter().GetResult());
        if (current is null || current == digest)
            return null;
        var labels = Retried($"Reading {plan.Path}@{current}", () => registry.ImageLabelsAsync(plan.Path, current, cancellation).GetAwaiter().GetResult());
        return ReleaseAliasRule.Held(tag, labels.GetValueOrDefault(ImageLabels.Version), plan.Labels.GetValueOrDefault(ImageLabels.Version) ?? "");
    }

    /// <summary>The index lists exactly the platforms, and each platform's manifest has a config of that platform; what it lists, by platform.</summary>
    private IReadOnlyDictionary<string, string> VerifyIndex(ImagePlan plan, string digest, IReadOnlyList<ContainerPlatform> platforms)
    {
        var (index, _) = Retried($"Reading {plan.Path}@{digest}", () => registry.ManifestAsync(plan.Path, digest, cancellation).GetAwaiter().GetResult());
        var listed = ImageIndex.Platforms(index);
        var expected = platforms.Select(p => p.ToString()).Order(StringComparer.Ordinal).ToList();
        if (!listed.Keys.SequenceEqual(expected))
            throw new BuildException($"{plan.Path}@{digest} in {plan.Registry} lists {string.Join(", ", listed.Keys)}, not {string.Join(", ", expected)}.");
        foreach (var platform in platforms)
        {
            var image = listed[platform.ToString()];
            var actual = Retried($"Reading {plan.Path}@{image}", () => registry.ImagePlatformAsync(plan.Path, image, cancellation).GetAwaiter().GetResult());
            if (!platform.RunsOn(actual))
                throw new BuildException($"The {platform} image {plan.Path}@{image} in {plan.Registry} is a {actual} image; its base image is wrong for {platform}.");
        }

        return listed;
    }

    /// <summary>One docker push; a registry that fails it because its disk is full is told apart from one that fails for a moment.</summary>
    private string PushOne(ImagePlan plan, ImageTag tag)
    {
        try
        {
            return docker.Push($"{plan.Repository}:{tag}", callLimit);
        }
        catch (ProcessFailedException e) when (e.Message.Contains("500", StringComparison.Ordinal)
            && registry.FullDiskAsync(plan.Path, cancellation).GetAwaiter().GetResult() is { } detail)
        {
            throw new BuildException($"The registry {plan.Registry} is out of disk space ({detail}), so {plan.Repository}:{tag} could not be pushed; free space on it and run again.", e);
        }
    }

    /// <summary>
    /// The digest the immutable tags already name in the registry when it is this commit's image (a re-run); null
    /// when none of them exists yet. Tags that name another commit's image, or different images, stop the push.
    /// </summary>
    private string? Published(ImagePlan plan, IReadOnlyList<ImageTag> immutable, bool quiet = false)
    {
        var (tag, digest, conflict) = Lookup(plan, immutable);
        if (conflict is not null)
            throw new BuildException(conflict);
        if (digest is not null && !quiet)
            log.Information("{Repository}:{Tag} is already this commit's image ({Digest}): keeping it and pointing the other tags at it.", plan.Repository, tag, digest);
        return digest;
    }

    /// <summary>
    /// Why the plan's tags that never move may not be pushed (they name another commit's image, or different images);
    /// null when they are free or already this commit's. Nothing is written.
    /// </summary>
    public string? Conflict(ImagePlan plan) => Lookup(plan, [.. plan.Tags.Where(t => !t.Floating)]).Conflict;

    /// <summary>What the immutable tags name in the registry: the first that exists and its digest, or why they may not be pushed.</summary>
    private (ImageTag? Tag, string? Digest, string? Conflict) Lookup(ImagePlan plan, IReadOnlyList<ImageTag> immutable)
    {
        var existing = immutable
            .Select(tag => (Tag: tag, Digest: Retried($"Looking up {plan.Path}:{tag}", () => registry.ManifestDigestAsync(plan.Path, tag.Name, cancellation).GetAwaiter().GetResult())))
            .Where(found => found.Digest is not null)
            .ToList();
        if (existing.Count == 0)
            return (null, null, null);
        if (existing.Select(found => found.Digest).Distinct().Count() > 1)
            return (null, null, $"{plan.Repository} already has {string.Join(" and ", existing.Select(found => $"{found.Tag} at {found.Digest}"))}, different images under tags that never move; nothing was pushed. Remove the wrong tag from the registry, or build another commit.");

        var (tag, digest) = existing[0];
        var labels = Retried($"Reading {plan.Path}@{digest}", () => registry.ImageLabelsAsync(plan.Path, digest!, cancellation).GetAwaiter().GetResult());
        var revision = labels.GetValueOrDefault(ImageLabels.Revision);
        if (revision is null || revision != plan.Revision || labels.GetValueOrDefault(ImageLabels.ModifiedTree) != plan.Labels.GetValueOrDefault(ImageLabels.ModifiedTree))
        {
            var other = revision is null ? "an image with no revision label" : $"commit {revision[..Math.Min(12, revision.Length)]}";
            return (tag, digest, $"{plan.Repository}:{tag} already exists for {other}, and this build is commit {plan.Revision?[..Math.Min(12, plan.Revision.Length)]}; tags that never move are not pushed again, so nothing was pushed. Tag a new version (or commit again) and build that.");
        }

        return (tag, digest, null);
    }

    /// <summary>Points a tag at the digest, unless it already names it: a re-run with nothing new writes nothing.</summary>
    private void PointAt(ImagePlan plan, ImageTag tag, string digest) =>
        Retried($"Tagging {plan.Repository}:{tag}", () =>
        {
            if (registry.ManifestDigestAsync(plan.Path, tag.Name, cancellation).GetAwaiter().GetResult() == digest)
                return false;
            registry.TagAsync(plan.Path, digest, tag.Name, cancellation).GetAwaiter().GetResult();
            return true;
        });

    /// <summary>
    /// Every tag resolves to the digest. An immutable tag that does not is an error; a floating tag that another push
    /// moved in the meantime (two runs at once, the later one wins) is only worth a warning.
    /// </summary>
    private void Verify(ImagePlan plan, IReadOnlyList<ImageTag> tags, string digest)
    {
        foreach (var tag in tags)
        {
            var actual = Retried($"Checking {plan.Path}:{tag}", () => registry.ManifestDigestAsync(plan.Path, tag.Name, cancellation).GetAwaiter().GetResult());
            if (actual == digest)
                continue;
            if (tag.Floating && actual is not null)
                log.Warning("{Path}:{Tag} already names {Actual} in {Registry}: another push moved it after this one.", plan.Path, tag, actual, plan.Registry);
            else
                throw new BuildException($"{plan.Path}:{tag} resolves to {actual ?? "nothing"} in {plan.Registry}, not to the pushed {digest}.");
        }
    }

    /// <summary>A registry operation, retried while its failures are passing ones, and stopped by Ctrl-C.</summary>
    private T Retried<T>(string what, Func<T> operation) => retry.Run(what, operation, RegistryErrors.IsTransient, log, cancellation);
}
