namespace Keel.Containers;

/// <summary>
/// Pushes an <see cref="ImageSet"/> under a login of this run's own (<see cref="RegistryLogin"/>) so that immutable tags
/// never move, verifies every tag through the registry API (<see cref="RegistryPublication"/>), and returns what the
/// registry holds: the digest every tag names. A plan the event may not publish (<see cref="ImagePlan.PushRefusal"/>)
/// stops before anything is done.
/// </summary>
internal sealed class ImagePushStep(StepContext context)
{
    public PushResult Run(ImageSet images, RegistryCredentials? credentials, TimeSpan? callLimit)
    {
        var pushed = Publishing(images.Plan, credentials, callLimit, publication => publication.Publish(images));
        context.Log.Information("Pushed {Repository}@{Digest} as {Tags}", images.Plan.Repository, pushed.Digest, string.Join(", ", pushed.Tags));
        return pushed;
    }

    /// <summary>
    /// The part of a distributed publish: the images <paramref name="built"/> holds, tagged in the engine's store with
    /// each platform's own tags (<see cref="ImageSet.Parts"/>) and pushed under those alone.
    /// </summary>
    public IReadOnlyList<PlatformPush> RunParts(ImageSet built, ImageSet parts, RegistryCredentials? credentials, TimeSpan? callLimit)
    {
        EnsureMayPush(parts.Plan);
        context.EnsureEngine();
        foreach (var (image, part) in built.Images.Zip(parts.Images))
        {
            foreach (var reference in part.Plan.References.Where(r => r != image.Reference))
                context.Docker.Run("tag", image.Reference, reference);
        }

        return Publishing(parts.Plan, credentials, callLimit, publication => publication.PublishPlatforms(parts));
    }

    /// <summary>The merge of a distributed publish: the parts' images, checked against what they reported, joined in one index.</summary>
    public PushResult RunMerge(ImageSet parts, IReadOnlyDictionary<string, string> handed, RegistryCredentials? credentials, TimeSpan? callLimit)
    {
        var merged = Publishing(parts.Plan, credentials, callLimit, publication => publication.Merge(parts, handed));
        context.Log.Information("Merged {Repository}@{Digest} as {Tags}", parts.Plan.Repository, merged.Digest, string.Join(", ", merged.Tags));
        return merged;
    }

    /// <summary>One publication under this run's own login, once the event may publish and the engine answers.</summary>
    private T Publishing<T>(ImagePlan plan, RegistryCredentials? credentials, TimeSpan? callLimit, Func<RegistryPublication, T> publish)
    {
        EnsureMayPush(plan);
        context.EnsureEngine();
        using var registry = new RegistryClient(plan.Registry, credentials?.Username, credentials?.Password) { CredentialsHint = context.Options.CredentialsHint };
        using var login = RegistryLogin.Open(context, registry, plan.Registry, credentials, callLimit);
        return publish(new RegistryPublication(login.Docker, registry, callLimit, context.Retry, context.Log, context.Cancellation));
    }

    /// <summary>Stops a plan the event may not publish, in its one line, before the engine or the registry is asked anything.</summary>
    public static void EnsureMayPush(ImagePlan plan)
    {
        if (plan.PushRefusal is { } refusal)
            throw new BuildException(refusal);
    }
}
