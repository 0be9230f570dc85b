using Keel.GitHubActions;

namespace Keel.Containers;

/// <summary>
/// Multi-platform images in a [GitHubActions] workflow: its publishing job builds for <c>platforms</c> (passed through
/// the build's platforms parameter) and, where the runner's processor cannot run one of them, first registers QEMU
/// emulation for it with docker/setup-qemu-action, pinned to a commit, so that every platform's image is smoke-tested
/// before anything is pushed. The job stays one job with the workflow's permissions: building needs no emulation (the
/// app is published per runtime identifier on the runner), only the smoke test does.
/// <code>
/// [ContainerPlatforms("publish", nameof(Platforms), "linux/amd64", "linux/arm64")]
/// </code>
/// </summary>
public sealed class ContainerPlatformsAttribute : GitHubActionsJobSetupAttribute
{
    /// <summary>docker/setup-qemu-action v3.6.0: registers QEMU's binfmt_misc handlers (tonistiigi/binfmt) on the runner.</summary>
    public const string SetupQemu = "docker/setup-qemu-action@29109295f81e9208d7d86ff1c6c12d2833863392";

    public const string SetupQemuVersion = "v3.6.0";

    private readonly IReadOnlyList<ContainerPlatform> _platforms;
    private readonly string _parameter;

    /// <param name="workflow">The workflow whose publishing job builds the images.</param>
    /// <param name="parameter">The build's parameter that takes the platforms: nameof(Platforms).</param>
    /// <param name="platforms">linux/amd64, linux/arm64, ...</param>
    public ContainerPlatformsAttribute(string workflow, string parameter, params string[] platforms)
        : base(workflow)
    {
        if (platforms.Length == 0)
            throw new BuildException($"[ContainerPlatforms] of workflow '{workflow}' names no platform; name them, e.g. \"linux/amd64\", \"linux/arm64\".");
        _parameter = parameter;
        _platforms = [.. platforms.Select(p => ContainerPlatform.Parse(p, $"[ContainerPlatforms] of workflow '{workflow}'"))];
    }

    public IReadOnlyList<ContainerPlatform> Platforms => _platforms;

    public override IReadOnlyDictionary<string, string> ParameterValues =>
        new Dictionary<string, string> { [_parameter] = string.Join(',', _platforms) };

    public override IReadOnlyList<GitHubActionsSetupStep> StepsFor(GitHubActionsImage runner)
    {
        var native = runner switch
        {
            GitHubActionsImage.UbuntuLatest or GitHubActionsImage.Ubuntu2204 => "linux/amd64",
            _ => throw new BuildException($"[ContainerPlatforms] of workflow '{Workflow}' needs a Linux runner (ubuntu-latest), where Docker builds linux images; the workflow runs on {runner}."),
        };
        var emulated = _platforms.Where(p => !p.RunsOn(native)).Select(p => p.Architecture).Distinct().ToList();
        return emulated.Count == 0
            ? []
            : [new GitHubActionsSetupStep($"Set up emulation for {string.Join(", ", emulated.Select(a => $"linux/{a}"))} (smoke tests)", SetupQemu, SetupQemuVersion)
            {
                With = new Dictionary<string, string> { ["platforms"] = string.Join(',', emulated) },
            }];
    }
}
