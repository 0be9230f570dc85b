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
/// With <see cref="Runners"/>, publishing is distributed: each platform gets a job of its own on its runner (natively
/// where the runner's processor is the platform's, so no emulation is set up there), which tests, builds, smoke-tests
/// and pushes that platform's image under its own tags (PushPlatformImage), and one merge job, once they all have,
/// joins them in one index under the version's tags (MergeImage) and runs the workflow's later steps.
/// <code>
/// [ContainerPlatforms("publish", nameof(Platforms), "linux/amd64", "linux/arm64",
///     Runners = ["linux/amd64=ubuntu-latest", "linux/arm64=ubuntu-24.04-arm"])]
/// </code>
/// </summary>
public sealed class ContainerPlatformsAttribute : GitHubActionsJobSetupAttribute
{
    /// <summary>docker/setup-qemu-action v3.6.0: registers QEMU's binfmt_misc handlers (tonistiigi/binfmt) on the runner.</summary>
    internal const string SetupQemu = "docker/setup-qemu-action@29109295f81e9208d7d86ff1c6c12d2833863392";

    internal const string SetupQemuVersion = "v3.6.0";

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

    /// <summary>
    /// The runner of each platform's own job, platform=label (<c>linux/arm64=ubuntu-24.04-arm</c>): with any, the
    /// publishing job is split into one job a platform and a merge job. A platform without one runs on the workflow's
    /// runner, under emulation where that runner's processor is not its own. A label that ends in -arm or names arm64 is
    /// an arm64 runner; any other, x64.
    /// </summary>
    public string[] Runners { get; set; } = [];

    public override IReadOnlyDictionary<string, string> ParameterValues =>
        new Dictionary<string, string> { [_parameter] = string.Join(',', _platforms) };

    public override IReadOnlyList<GitHubActionsSetupStep> StepsFor(GitHubActionsImage runner) => Emulation(_platforms, Native(runner));

    /// <summary>One job a platform on its runner (PushPlatformImage), then the merge (MergeImage); none without <see cref="Runners"/>.</summary>
    public override GitHubActionsJobSplit? SplitFor(GitHubActionsImage runner)
    {
        if (Runners.Length == 0)
            return null;
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Runners)
        {
            var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[1].Length == 0)
                throw new BuildException($"[ContainerPlatforms] of workflow '{Workflow}': Runners entry '{entry}' needs the form platform=runner, e.g. \"linux/arm64=ubuntu-24.04-arm\".");
            var platform = ContainerPlatform.Parse(parts[0], $"[ContainerPlatforms] of workflow '{Workflow}'").ToString();
            if (!_platforms.Any(p => p.ToString() == platform))
                throw new BuildException($"[ContainerPlatforms] of workflow '{Workflow}' names a runner for {platform}, which is not one of its platforms ({string.Join(", ", _platforms)}).");
            if (!named.TryAdd(platform, parts[1]))
                throw new BuildException($"[ContainerPlatforms] of workflow '{Workflow}' names two runners for {platform}; name one.");
        }

        if (_platforms.Count < 2)
            throw new BuildException($"[ContainerPlatforms] of workflow '{Workflow}' names runners for one platform; a runner a platform is for several, and one platform's image is built where the workflow runs.");
        var own = Native(runner);
        return new GitHubActionsJobSplit(nameof(IContainerImage.PushPlatformImage), nameof(IContainerImage.MergeImage),
            [.. _platforms.Select(platform =>
            {
                var label = named.GetValueOrDefault(platform.ToString());
                return new GitHubActionsJobPart(platform.ToString(), label)
                {
                    ParameterValues = new Dictionary<string, string> { [_parameter] = platform.ToString() },
                    Steps = Emulation([platform], label is null ? own : RunnerPlatform(label)),
                };
            })])
        {
            JobPrefix = "image",
            PartOutput = ImageOutputs.PlatformDigests,
            MergeParameter = nameof(IContainerImage.PlatformDigests),
        };
    }

    /// <summary>The platform a runner label's machines are: arm64 for ubuntu-24.04-arm and the like, x64 otherwise.</summary>
    internal static string RunnerPlatform(string label) =>
        label.EndsWith("-arm", StringComparison.OrdinalIgnoreCase) || label.Contains("arm64", StringComparison.OrdinalIgnoreCase) ? "linux/arm64" : "linux/amd64";

    private string Native(GitHubActionsImage runner) => runner switch
    {
        GitHubActionsImage.UbuntuLatest or GitHubActionsImage.Ubuntu2204 => "linux/amd64",
        _ => throw new BuildException($"[ContainerPlatforms] of workflow '{Workflow}' needs a Linux runner (ubuntu-latest), where Docker builds linux images; the workflow runs on {runner}."),
    };

    /// <summary>The QEMU set-up for the platforms a runner of <paramref name="native"/> runs only under emulation; none where it runs them all.</summary>
    private static IReadOnlyList<GitHubActionsSetupStep> Emulation(IEnumerable<ContainerPlatform> platforms, string native)
    {
        var emulated = platforms.Where(p => !p.RunsOn(native)).Select(p => p.Architecture).Distinct().ToList();
        return emulated.Count == 0
            ? []
            : [new GitHubActionsSetupStep($"Set up emulation for {string.Join(", ", emulated.Select(a => $"linux/{a}"))} (smoke tests)", SetupQemu, SetupQemuVersion)
            {
                With = new Dictionary<string, string> { ["platforms"] = string.Join(',', emulated) },
            }];
    }
}
