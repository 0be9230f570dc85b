using System.Text;

namespace Keel.GitHubActions;

/// <summary>GitHub Actions workflow commands, escaped as the runner expects (%, CR and LF; in properties also : and ,).</summary>
internal static class WorkflowCommands
{
    public static string Mask(string value) => $"::add-mask::{Data(value)}";

    public static string Group(string title) => $"::group::{Data(title)}";

    public const string EndGroup = "::endgroup::";

    public static string Error(string message, string? title = null) => Annotation("error", message, title);

    public static string Warning(string message, string? title = null) => Annotation("warning", message, title);

    public static string Data(string value) => value.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    public static string Property(string value) => Data(value).Replace(":", "%3A").Replace(",", "%2C");

    /// <summary>An entry for $GITHUB_OUTPUT; multi-line values use a delimiter that cannot occur in them.</summary>
    public static string Output(string name, string value)
    {
        if (!value.Contains('\n') && !value.Contains('\r'))
            return $"{name}={value}\n";
        var delimiter = "EOF_" + Guid.NewGuid().ToString("N");
        return new StringBuilder().Append(name).Append("<<").Append(delimiter).Append('\n')
            .Append(value).Append('\n').Append(delimiter).Append('\n').ToString();
    }

    private static string Annotation(string kind, string message, string? title) =>
        title is null ? $"::{kind}::{Data(message)}" : $"::{kind} title={Property(title)}::{Data(message)}";
}
