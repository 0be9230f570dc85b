namespace Keel.Containers;

/// <summary>
/// Runs each platform's image of an <see cref="ImageSet"/> (under emulation where the engine's processor differs) and
/// asks what the check asks; the first that fails stops the step in one line.
/// </summary>
internal sealed class SmokeTestStep(StepContext context)
{
    public void Run(ImageSet images, SmokeCheck check)
    {
        foreach (var image in images.Images)
            Run(image.Reference, check, image.Platform);
    }

    /// <summary>One local image; of <paramref name="platform"/> where named, else the engine's own.</summary>
    public void Run(string reference, SmokeCheck check, ContainerPlatform? platform)
    {
        context.EnsureEngine();
        new SmokeTestRun(context.Docker, () => context.EnginePlatform, context.Log, context.Cancellation).Run(reference, check, platform);
    }
}
