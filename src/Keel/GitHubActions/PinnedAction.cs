namespace Keel.GitHubActions;

/// <summary>An action at a full commit SHA, with the release it is, for the comment that keeps it readable.</summary>
internal sealed record PinnedAction(string Name, string Sha, string Version)
{
    public static readonly PinnedAction Checkout = new("actions/checkout", "11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2");
    public static readonly PinnedAction SetupDotNet = new("actions/setup-dotnet", "67a3573c9a986a3f9c594539f4ab511d57bb3ce9", "v4.3.1");
    public static readonly PinnedAction Cache = new("actions/cache", "5a3ec84eff668545956fd18022155c47e93e2684", "v4.2.3");
    public static readonly PinnedAction UploadArtifact = new("actions/upload-artifact", "ea165f8d65b6e75b540449e92b4886f43607fa02", "v4.6.2");
    public static readonly PinnedAction DownloadArtifact = new("actions/download-artifact", "d3f86a106a0bac45b974a628896c90dbdf5c8093", "v4.3.0");
    public static readonly PinnedAction AttestBuildProvenance = new("actions/attest-build-provenance", "e8998f949152b193b063cb0ec769d69d929409be", "v2.4.0");

    /// <summary>The actions Keel pins itself, by owner/name.</summary>
    public static IReadOnlyList<PinnedAction> Known { get; } = [Checkout, SetupDotNet, Cache, UploadArtifact, DownloadArtifact, AttestBuildProvenance];

    /// <summary>
    /// An action from a step attribute: owner/name of a known action, or owner/name@SHA with its version; a ref that
    /// is not a full commit SHA fails when actions are pinned.
    /// </summary>
    public static PinnedAction Parse(string uses, string? version, bool pinned, string workflow)
    {
        var at = uses.IndexOf('@');
        if (at < 0)
        {
            return Known.FirstOrDefault(a => a.Name.Equals(uses, StringComparison.OrdinalIgnoreCase))
                ?? throw new BuildException($"Workflow '{workflow}': step '{uses}' names no version, and Keel does not pin that action itself; write owner/name@SHA (a full commit) with Version = \"vX.Y.Z\".");
        }

        var (name, reference) = (uses[..at], uses[(at + 1)..]);
        var fullSha = reference.Length == 40 && reference.All(char.IsAsciiHexDigitLower);
        if (pinned && !fullSha)
            throw new BuildException($"Workflow '{workflow}': step '{uses}' is not pinned to a full commit SHA; write {name}@<40-character SHA> with Version = \"{reference}\", or set PinActions = false.");
        return fullSha ? new PinnedAction(name, reference, version ?? reference[..7]) : new PinnedAction(name, reference, reference) { Unpinned = true };
    }

    /// <summary>True for an action referenced by tag or branch, as the user wrote it (PinActions = false).</summary>
    public bool Unpinned { get; init; }

    /// <summary>"owner/action@SHA" when pinned, "owner/action@vX" (the major tag) when not.</summary>
    public string Reference(bool pinned) => Unpinned ? $"{Name}@{Sha}" : pinned ? $"{Name}@{Sha}" : $"{Name}@{Version.Split('.')[0]}";
}
