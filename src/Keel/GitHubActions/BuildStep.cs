namespace Keel.GitHubActions;

/// <summary>
/// The step of every generated job that runs the build: its id, by which later steps and the job's outputs read what
/// the build reported (<c>steps.build.outputs.digest</c>).
/// </summary>
public static class BuildStep
{
    /// <summary>The build step's id in every generated job.</summary>
    public const string Id = "build";

    /// <summary>The expression a later step of the same job reads one of the build's outputs with.</summary>
    public static string Output(string name) => $"${{{{ steps.{Id}.outputs.{name} }}}}";
}
