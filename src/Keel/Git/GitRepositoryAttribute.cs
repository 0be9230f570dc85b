using Keel.Lifecycle;
using Keel.Tooling;

namespace Keel.Git;

/// <summary>Injects the repository the build runs in: <c>[GitRepository] readonly GitRepository Repository;</c>.</summary>
public sealed class GitRepositoryAttribute : InjectionAttribute
{
    public override object? CreateValue(BuildSession session, Type memberType)
    {
        if (memberType != typeof(GitRepository))
            throw new BuildException($"[GitRepository] goes on a member of type GitRepository, not {memberType.Name}.");
        return new GitRepository(() => session.Build.Git, session.Host, session.RootDirectory);
    }
}
