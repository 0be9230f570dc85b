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
    /// The part of a distributed publish: the images this run built (<paramref name="ids"/>, one a platform, in order),
    /// tagged in the engine's store with each platform's own tags (<see cref="ImageSet.Parts"/>) and pushed under those
    /// alone. Tagged from the ids, not from the version's tags, which another platform's job on the same engine writes too.
    /// </summary>
    public IReadOnlyList<PlatformPush> RunParts(ImageSet parts, IReadOnlyList<string> ids, RegistryCredentials? credentials, TimeSpan? callLimit) =>
        Publishing(parts.Plan, credentials, callLimit, publication =>
        {
            foreach (var (part, id) in parts.Images.Zip(ids))
            {
                foreach (var reference in part.Plan.References)
                    context.Docker.Run("tag", id, reference);
            }

            return publication.PublishPlatforms(parts);
        });

    /// <summary>The merge of a distributed publish: the parts' images, checked against what they reported, joined in one index.</summary>
    public PushResult RunMerge(ImageSet parts, IReadOnlyDictionary<string, string> handed, RegistryCredentials? credentials, TimeSpan? callLimit)
    {
        var merged = Publishing(parts.Plan, credentials, callLimit, publication => publication.Merge(parts, handed));
        context.Log.Information("Merged {Repository}@{Digest} as {Tags}", parts.Plan.Repository, merged.Digest, string.Join(", ", merged.Tags));
        return merged;
    }

    /// <summary>How long the look at the version's tags before a platform's build may take; past it, the push decides.</summary>
    private static readonly TimeSpan EarlyLookLimit = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Before anything is built for a platform's part: where the registry answers at once, the version's tags that never
    /// move naming another commit's image stop the run now, in the push's own words, rather than after the build and the
    /// smoke test. Anything else (no answer, a login refused, a fault) is left to the push itself, which tries again and
    /// says what failed. True when nothing stops the run.
    /// </summary>
    public bool EnsureVersionTagsFree(ImagePlan plan, RegistryCredentials? credentials)
    {
        EnsureMayPush(plan);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        limit.CancelAfter(EarlyLookLimit);
        string? conflict;
        try
        {
            using var registry = new RegistryClient(plan.Registry, credentials?.Username, credentials?.Password) { CredentialsHint = context.Options.CredentialsHint };
            conflict = new RegistryPublication(context.Docker, registry, EarlyLookLimit, Retry.Once, context.Log, limit.Token).Conflict(plan);
        }
        catch (Exception e) when (!context.Cancellation.IsCancellationRequested)
        {
            context.Log.Debug("The version's tags in {Registry} could not be looked at before the build ({Reason}); the push will.", plan.Registry, e.Message);
            return true;
        }

        return conflict is null ? true : throw new BuildException(conflict);
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
