namespace Keel.Parameters;

/// <summary>
/// Variables that configure the tools a build runs (Docker, BuildKit, git, dotnet) or the shell it runs in. A
/// parameter whose name matches one (DockerContext, GitDir, Username) reads only the KEEL_ or NUKE_ form
/// (KEEL_DOCKER_CONTEXT): the plain variable is there for the tool, and binding it to the build's parameter would
/// take the tool's setting for the build's value without anyone asking.
/// </summary>
internal static class ToolVariables
{
    public static IReadOnlyList<ToolVariable> All { get; } =
    [
        .. Of("Docker", "DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "DOCKER_BUILDKIT", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH",
            "DOCKER_DEFAULT_PLATFORM", "DOCKER_API_VERSION"),
        .. Of("BuildKit", "BUILDKIT_PROGRESS", "BUILDX_BUILDER"),
        .. Of("git", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_CONFIG_GLOBAL", "GIT_SSH_COMMAND",
            "GIT_ASKPASS", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"),
        .. Of(".NET", "DOTNET_ROOT", "NUGET_PACKAGES"),
        .. Of("the shell", "PATH", "HOME", "USER", "USERNAME", "HOSTNAME", "PWD", "SHELL", "TMPDIR", "TEMP", "TMP"),
    ];

    private static readonly Dictionary<string, ToolVariable> ByKey = All.ToDictionary(v => ParameterNames.Normalize(v.Variable));

    /// <summary>The tool variable a parameter's name matches (letters and digits, any case), or null.</summary>
    public static ToolVariable? Matching(string parameter) => ByKey.GetValueOrDefault(ParameterNames.Normalize(parameter));

    private static IEnumerable<ToolVariable> Of(string tool, params string[] variables) => variables.Select(v => new ToolVariable(v, tool));
}

/// <summary>An environment variable and the tool that reads it ("Docker", "git", "the shell").</summary>
internal sealed record ToolVariable(string Variable, string Tool);
