namespace Keel.Containers;

/// <summary>
/// Runs each platform's image of an <see cref="ImageSet"/> (under emulation where the engine's processor differs) and
/// asks what the check asks; the first that fails stops the step in one line.
/// </summary>
internal sealed class SmokeTestStep(StepContext context)
{
    /// <summary>Each image of the set, run by its id in <paramref name="ids"/> (one an image, in order).</summary>
    public void Run(ImageSet images, IReadOnlyList<string> ids, SmokeCheck check)
    {
        foreach (var (image, id) in images.Images.Zip(ids))
            Run(image.Reference, check, image.Platform, id);
    }

    /// <summary>One local image; of <paramref name="platform"/> where named, else the engine's own; by its id where given.</summary>
    public void Run(string reference, SmokeCheck check, ContainerPlatform? platform, string? id = null)
    {
        context.EnsureEngine();
        new SmokeTestRun(context.Docker, () => context.EnginePlatform, context.Log, context.Cancellation).Run(reference, check, platform, id);
    }
}
