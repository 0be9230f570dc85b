using Keel.Lifecycle;
using Keel.Versioning;

namespace Keel;

/// <summary>
/// Injects GitVersion's result: <c>[GitVersion] readonly GitVersion GitVersion;</c>. It runs the real GitVersion
/// program from the GitVersion.MsBuild package the build project downloads, the first time a target reads it,
/// and caches the answer per commit and working-tree state.
/// </summary>
public sealed class GitVersionAttribute : InjectionAttribute
{
    /// <summary>The GitVersion.MsBuild package version; the newest one restored when null.</summary>
    public string? Version { get; init; }

    public override object? CreateValue(BuildSession session, Type memberType)
    {
        if (memberType != typeof(GitVersion))
            throw new BuildException($"[GitVersion] goes on a member of type GitVersion, not {memberType.Name}.");
        var runner = new GitVersionRunner(session.Build.Processes, session.Build.Tools, session.Services.Environment, session.Layout, session.Log);
        return new GitVersion(() => runner.ComputeJson(Version));
    }
}
