using System.Text.Json;

namespace Keel.GitHubActions;

/// <summary>
/// What the engine takes from a run's event payload (the JSON file GITHUB_EVENT_PATH names): a pull request's number,
/// head branch and head commit, and the repository's default branch. A payload that is missing or cannot be read gives
/// none of them; the run's variables still say the rest.
/// </summary>
internal sealed record EventPayload(int? PullRequestNumber, string? PullRequestHeadRef, string? PullRequestHeadSha, string? DefaultBranch)
{
    public static EventPayload None { get; } = new(null, null, null, null);

    /// <param name="path">The payload file; null or empty when the runner names none.</param>
    /// <param name="isPullRequest">pull_request or pull_request_target: only then does the payload name a pull request.</param>
    public static EventPayload Read(string? path, bool isPullRequest)
    {
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
            return None;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var number = isPullRequest ? Number(root, "pull_request", "number") ?? Number(root, "number") : null;
            return new EventPayload(
                number,
                number is null ? null : Text(root, "pull_request", "head", "ref"),
                number is null ? null : Text(root, "pull_request", "head", "sha"),
                Text(root, "repository", "default_branch"));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return None;
        }
    }

    private static string? Text(JsonElement element, params string[] path) =>
        Find(element, path) is { ValueKind: JsonValueKind.String } found ? found.GetString() : null;

    private static int? Number(JsonElement element, params string[] path) =>
        Find(element, path) is { ValueKind: JsonValueKind.Number } found && found.TryGetInt32(out var number) ? number : null;

    private static JsonElement? Find(JsonElement element, string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                return null;
        }

        return current;
    }
}
