namespace Keel.GitHubActions;

/// <summary>
/// One workflow file, <c>.github/workflows/NAME.yml</c>, generated from the build: NUKE's properties where NUKE has
/// them, plus jobs from the target graph, least-privilege permissions per job, setup-dotnet, a NuGet cache,
/// pinned actions, an optional matrix, job outputs and extra steps.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class GitHubActionsAttribute(string name, GitHubActionsImage image, params GitHubActionsImage[] images) : Attribute
{
    public string Name { get; } = name;

    public IReadOnlyList<GitHubActionsImage> Images { get; } = [image, .. images];

    /// <summary>Short form: these events on every branch and tag.</summary>
    public GitHubActionsTrigger[] On { get; set; } = [];

    public string[] OnPushBranches { get; set; } = [];
    public string[] OnPushTags { get; set; } = [];
    public string[] OnPushIncludePaths { get; set; } = [];
    public string[] OnPushExcludePaths { get; set; } = [];
    public string[] OnPullRequestBranches { get; set; } = [];
    public string[] OnPullRequestIncludePaths { get; set; } = [];
    public string[] OnPullRequestExcludePaths { get; set; } = [];

    /// <summary>Parameters offered as optional / required inputs of a manual run.</summary>
    public string[] OnWorkflowDispatchOptionalInputs { get; set; } = [];
    public string[] OnWorkflowDispatchRequiredInputs { get; set; } = [];

    /// <summary>A cron expression (UTC) for scheduled runs.</summary>
    public string? OnCronSchedule { get; set; }

    /// <summary>The targets the workflow runs.</summary>
    public string[] InvokedTargets { get; set; } = [];

    /// <summary>Secret parameters to pass from repository secrets (parameter ApiKey reads secrets.API_KEY).</summary>
    public string[] ImportSecrets { get; set; } = [];

    /// <summary>Pass the workflow's GITHUB_TOKEN to the build as GITHUB_TOKEN.</summary>
    public bool EnableGitHubToken { get; set; }

    /// <summary>History to fetch; -1: all of it (0) when the build uses [GitVersion], else the last commit.</summary>
    public int FetchDepth { get; set; } = -1;

    /// <summary>Token scopes granted for writing, to the publishing jobs only; everything else reads contents only.</summary>
    public GitHubActionsPermission[] WritePermissions { get; set; } = [];

    /// <summary>Token scopes granted for reading, to every job, besides contents.</summary>
    public GitHubActionsPermission[] ReadPermissions { get; set; } = [];

    /// <summary>
    /// The targets whose jobs publish: they alone get the write permissions, secrets, environment and outputs, and
    /// never run for pull requests. Empty: every job publishes.
    /// </summary>
    public string[] PublishingTargets { get; set; } = [];

    public string? ConcurrencyGroup { get; set; }
    public bool ConcurrencyCancelInProgress { get; set; }

    /// <summary>
    /// Cancel a run of the group that a newer one supersedes only when both are for a pull request: pushes (and the
    /// publishing they do) always run to the end.
    /// </summary>
    public bool ConcurrencyCancelPullRequests { get; set; }
    public int TimeoutMinutes { get; set; }

    /// <summary>Files whose content keys the NuGet cache.</summary>
    public string[] CacheKeyFiles { get; set; } = ["**/global.json", "**/*.csproj", "**/Directory.Packages.props"];

    /// <summary>Upload what the targets declare with Produces(...) as artifacts.</summary>
    public bool PublishArtifacts { get; set; }

    /// <summary>The deployment environment of the publishing jobs.</summary>
    public string? EnvironmentName { get; set; }

    /// <summary>Local builds rewrite this workflow when it is out of date (and say so).</summary>
    public bool AutoGenerate { get; set; } = true;

    /// <summary>One job per invoked target, connected by needs along the target graph.</summary>
    public bool JobPerTarget { get; set; }

    /// <summary>A parameter to run a matrix over, with the values in <see cref="MatrixValues"/>.</summary>
    public string? MatrixParameter { get; set; }
    public string[] MatrixValues { get; set; } = [];

    /// <summary>Values the publishing jobs hand on as job outputs (written by the build to $GITHUB_OUTPUT).</summary>
    public string[] Outputs { get; set; } = [];

    /// <summary>Workflow-level environment variables, as NAME=value.</summary>
    public string[] EnvironmentVariables { get; set; } = [];

    /// <summary>Shell commands run as steps of their own before the build.</summary>
    public string[] SetupCommands { get; set; } = [];

    /// <summary>Pin every action to a full commit SHA with its version in a comment (GitHub's hardening advice).</summary>
    public bool PinActions { get; set; } = true;
}
