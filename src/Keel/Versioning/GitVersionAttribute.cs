using System.Reflection;
using Keel.Lifecycle;
using Keel.Versioning;

namespace Keel;

/// <summary>
/// Injects GitVersion's result: <c>[GitVersion] readonly GitVersion GitVersion;</c>. It runs the real GitVersion
/// program from the GitVersion.MsBuild package (the Keel package depends on it, so restoring the build brings it),
/// the first time a target reads it, and caches the answer per commit and working-tree state. That the program is
/// there is checked before the first target runs: a build that cannot version stops at once, not after the targets
/// before the first one that reads the version.
/// </summary>
public sealed class GitVersionAttribute : InjectionAttribute
{
    private GitVersionRunner? _runner;

    /// <summary>The GitVersion.MsBuild package version; the newest one restored when null.</summary>
    public string? Version { get; init; }

    public override object? CreateValue(BuildSession session, Type memberType)
    {
        if (memberType != typeof(GitVersion))
            throw new BuildException($"[GitVersion] goes on a member of type GitVersion, not {memberType.Name}.");
        var restored = session.Build.GetType().Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == GitVersionPackage.MetadataKey)?.Value;
        var runner = new GitVersionRunner(() => session.Build.Processes, session.Build.Tools, session.Services.Environment, session.Host, session.Layout, session.Log, restored);
        _runner = runner;
        return new GitVersion(() => runner.ComputeJson(Version));
    }

    public override int? OnBuildInitialized(BuildSession session)
    {
        // Only when targets are about to run: --plan and a plan with nothing to run need no GitVersion.
        if (_runner is null || session.Invocation.Has("plan") || session.Plan?.Running.Any() != true)
            return null;
        try
        {
            _runner.Locate(Version);
            return null;
        }
        catch (BuildException missing)
        {
            session.Log.Error("{Message}", missing.Message);
            return 1;
        }
    }
}
