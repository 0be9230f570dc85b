using Keel.Lifecycle;

namespace Keel.Containers;

/// <summary>Gives an <see cref="IContainerImage"/> build its image job for the run: what its parameters make, made once.</summary>
internal sealed class ContainerImageJobAttribute : InjectionAttribute
{
    public override object? CreateValue(BuildSession session, Type memberType) => new ContainerImageJob((IContainerImage)session.Build);
}
