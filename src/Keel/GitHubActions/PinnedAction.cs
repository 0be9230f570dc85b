namespace Keel.GitHubActions;

/// <summary>An action at a full commit SHA, with the release it is, for the comment that keeps it readable.</summary>
public sealed record PinnedAction(string Name, string Sha, string Version)
{
    public static readonly PinnedAction Checkout = new("actions/checkout", "11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2");
    public static readonly PinnedAction SetupDotNet = new("actions/setup-dotnet", "67a3573c9a986a3f9c594539f4ab511d57bb3ce9", "v4.3.1");
    public static readonly PinnedAction Cache = new("actions/cache", "5a3ec84eff668545956fd18022155c47e93e2684", "v4.2.3");
    public static readonly PinnedAction UploadArtifact = new("actions/upload-artifact", "ea165f8d65b6e75b540449e92b4886f43607fa02", "v4.6.2");
    public static readonly PinnedAction DownloadArtifact = new("actions/download-artifact", "d3f86a106a0bac45b974a628896c90dbdf5c8093", "v4.3.0");

    /// <summary>"owner/action@SHA" when pinned, "owner/action@vX" (the major tag) when not.</summary>
    public string Reference(bool pinned) => pinned ? $"{Name}@{Sha}" : $"{Name}@{Version.Split('.')[0]}";
}
