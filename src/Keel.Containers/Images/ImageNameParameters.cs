namespace Keel.Containers;

/// <summary>
/// Which of the build's parameters give an image's registry, owner and name (as the build declares them:
/// <c>nameof(Registry)</c>), so that a bad value is reported against the parameter to fix, with where it came from.
/// </summary>
public sealed record ImageNameParameters(string? Registry = null, string? Owner = null, string? Name = null)
{
    /// <summary>The parts come from no parameter: errors name the image.</summary>
    public static ImageNameParameters None { get; } = new();
}
