using Keel.Lifecycle;

namespace Keel.Containers;

/// <summary>
/// Gives the build its container images: <c>[ContainerImages] readonly ContainerImages Containers = null!;</c>.
/// Each verified push becomes job outputs (<see cref="ImageOutputs"/>) as soon as it is done, and a section of the
/// build's summary on a CI host.
/// </summary>
public sealed class ContainerImagesAttribute : InjectionAttribute
{
    /// <inheritdoc cref="ContainerOptions.InstallMissingTools"/>
    public bool InstallMissingTools { get; init; }

    /// <inheritdoc cref="ContainerOptions.CredentialsHint"/>
    public string? CredentialsHint { get; init; }

    /// <inheritdoc cref="ContainerOptions.LocalRegistryOption"/>
    public string? LocalRegistryOption { get; init; }

    public override object? CreateValue(BuildSession session, Type memberType)
    {
        if (memberType != typeof(ContainerImages))
            throw new BuildException($"[ContainerImages] goes on a member of type ContainerImages, not {memberType.Name}.");
        // A build with the image component says its options there, and its parameters name the credentials.
        var options = session.Build is IContainerImage component
            ? component.ContainerOptions with { CredentialsHint = CredentialsHint ?? ContainerImageJob.CredentialsHint, LocalRegistryOption = LocalRegistryOption ?? ContainerImageJob.LocalRegistryOption }
            : new ContainerOptions { InstallMissingTools = InstallMissingTools, CredentialsHint = CredentialsHint ?? new ContainerOptions().CredentialsHint, LocalRegistryOption = LocalRegistryOption };
        return new ContainerImages(session.Build, options);
    }
}
