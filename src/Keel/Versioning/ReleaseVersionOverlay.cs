using System.Text.Json.Nodes;

namespace Keel.Versioning;

/// <summary>
/// A commit tagged with a release is that release: GitVersion's answer keeps its commit and branch variables, and
/// its version variables become the tag's. GitVersion alone can miss it (a tag push checked out detached while other
/// branches hold the commit, or a pre-release label its branch configuration does not expect).
/// </summary>
internal static class ReleaseVersionOverlay
{
    /// <summary>The variable that names the tag the version came from; absent when GitVersion computed it.</summary>
    public const string TagVariable = "VersionTag";

    public static string Apply(string gitVersionJson, ReleaseTag release)
    {
        var values = JsonNode.Parse(gitVersionJson)?.AsObject() ?? throw new BuildException("GitVersion answered with something that is not a JSON object.");
        var version = release.Version;
        var sha = values["Sha"]?.GetValue<string>() ?? "";
        var label = version.PreRelease.Split('.')[0];
        var number = version.PreRelease.Split('.') is [_, .., var last] && int.TryParse(last, out var n) ? n : (int?)null;
        var assembly = $"{version.Major}.{version.Minor}.{version.Patch}.0";

        values["Major"] = version.Major;
        values["Minor"] = version.Minor;
        values["Patch"] = version.Patch;
        values["MajorMinorPatch"] = $"{version.Major}.{version.Minor}.{version.Patch}";
        values["PreReleaseTag"] = version.PreRelease;
        values["PreReleaseTagWithDash"] = version.PreRelease.Length == 0 ? "" : "-" + version.PreRelease;
        values["PreReleaseLabel"] = version.PreRelease.Length == 0 ? "" : label;
        values["PreReleaseLabelWithDash"] = version.PreRelease.Length == 0 ? "" : "-" + label;
        values["PreReleaseNumber"] = number;
        values["WeightedPreReleaseNumber"] = number ?? 0;
        values["BuildMetaData"] = null;
        values["FullBuildMetaData"] = version.BuildMetadata.Length == 0 ? $"Sha.{sha}" : $"{version.BuildMetadata}.Sha.{sha}";
        values["SemVer"] = version.SemVer;
        values["FullSemVer"] = version.SemVer;
        values["AssemblySemVer"] = assembly;
        values["AssemblySemFileVer"] = assembly;
        values["InformationalVersion"] = $"{version.SemVer}+{values["FullBuildMetaData"]}";
        values["VersionSourceSha"] = sha;
        values["CommitsSinceVersionSource"] = 0;
        values[TagVariable] = release.Name;
        return values.ToJsonString();
    }
}
