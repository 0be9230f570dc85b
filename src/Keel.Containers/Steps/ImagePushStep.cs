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
        var plan = images.Plan;
        EnsureMayPush(plan);
        context.EnsureEngine();
        using var registry = new RegistryClient(plan.Registry, credentials?.Username, credentials?.Password) { CredentialsHint = context.Options.CredentialsHint };
        using var login = RegistryLogin.Open(context, registry, plan.Registry, credentials, callLimit);
        var pushed = new RegistryPublication(login.Docker, registry, callLimit, context.Retry, context.Log, context.Cancellation).Publish(images);
        context.Log.Information("Pushed {Repository}@{Digest} as {Tags}", plan.Repository, pushed.Digest, string.Join(", ", pushed.Tags));
        return pushed;
    }

    /// <summary>Stops a plan the event may not publish, in its one line, before the engine or the registry is asked anything.</summary>
    public static void EnsureMayPush(ImagePlan plan)
    {
        if (plan.PushRefusal is { } refusal)
            throw new BuildException(refusal);
    }
}
