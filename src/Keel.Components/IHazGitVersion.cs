namespace Keel.Components;

/// <summary>
/// GitVersion's answer for the components that version what they make (images, packages): the real GitVersion runs
/// the first time a target reads <see cref="Versioning"/>, and its answer is cached per commit.
/// </summary>
public interface IHazGitVersion : IKeelBuild
{
    [GitVersion]
    GitVersion Versioning => TryGetValue(() => Versioning) ?? throw new BuildException("GitVersion was read before the build was created; read Versioning inside a target.");
}
