using Keel.Components;

namespace Keel.Containers;

/// <summary>
/// An image of the app as Publish left it on this machine: Publish runs once per image platform, for that platform's
/// runtime identifier, into <see cref="IPublish.PublishDirectory"/>/rid, and the Dockerfile copies the folder its
/// <c>APP</c> build argument names (relative to the context). The pushed binaries are the ones the tests ran against.
/// </summary>
public interface IPublishedImage : IContainerImage, IPublish
{
    IReadOnlyList<string> IPublish.PublishRuntimes => [.. Job.Platforms.Select(p => p.RuntimeIdentifier).Distinct()];

    IReadOnlyDictionary<string, string> IContainerImage.ImageBuildArguments(ContainerPlatform platform) =>
        new Dictionary<string, string> { ["APP"] = (PublishDirectory / platform.RuntimeIdentifier).RelativeTo(ImageContext).Replace('\\', '/') };
}
