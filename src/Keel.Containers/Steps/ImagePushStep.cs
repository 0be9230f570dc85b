namespace Keel.Containers;

/// <summary>
/// Pushes an <see cref="ImageSet"/> under a login of this run's own (<see cref="RegistryLogin"/>) so that immutable tags
/// never move, verifies every tag through the registry API (<see cref="RegistryPublication"/>), and returns what the
/// registry holds: the digest every tag names.
/// </summary>
internal sealed class ImagePushStep(StepContext context)
{
    public PushResult Run(ImageSet images, RegistryCredentials? credentials, TimeSpan? callLimit)
    {
        context.EnsureEngine();
        var plan = images.Plan;
        using var registry = new RegistryClient(plan.Registry, credentials?.Username, credentials?.Password) { CredentialsHint = context.Options.CredentialsHint };
        using var login = RegistryLogin.Open(context, registry, plan.Registry, credentials, callLimit);
        var digest = new RegistryPublication(login.Docker, registry, callLimit, context.Retry, context.Log, context.Cancellation).Publish(images);
        context.Log.Information("Pushed {Repository}@{Digest} as {Tags}", plan.Repository, digest, string.Join(", ", plan.Tags));
        return new PushResult(plan.Repository, digest, [.. plan.Tags.Select(t => t.Name)]);
    }
}
