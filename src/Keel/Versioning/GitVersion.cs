using System.Globalization;
using System.Text.Json;

namespace Keel;

/// <summary>
/// GitVersion's answer for this commit. Nothing is computed until a property is first read, so only runs whose
/// targets use the version pay for it.
/// </summary>
public sealed class GitVersion
{
    private readonly Lazy<IReadOnlyDictionary<string, string>> _values;

    internal GitVersion(Func<string> computeJson) => _values = new(() => Parse(computeJson()));

    public static GitVersion FromJson(string json) => new(() => json);

    public string SemVer => Text(nameof(SemVer));
    public string FullSemVer => Text(nameof(FullSemVer));
    public string MajorMinorPatch => Text(nameof(MajorMinorPatch));
    public int Major => Number(nameof(Major));
    public int Minor => Number(nameof(Minor));
    public int Patch => Number(nameof(Patch));
    public string PreReleaseTag => Text(nameof(PreReleaseTag));
    public string PreReleaseLabel => Text(nameof(PreReleaseLabel));
    public string AssemblySemVer => Text(nameof(AssemblySemVer));
    public string AssemblySemFileVer => Text(nameof(AssemblySemFileVer));
    public string InformationalVersion => Text(nameof(InformationalVersion));
    public string BranchName => Text(nameof(BranchName));
    public string EscapedBranchName => Text(nameof(EscapedBranchName));
    public string Sha => Text(nameof(Sha));
    public string ShortSha => Text(nameof(ShortSha));
    public string CommitDate => Text(nameof(CommitDate));

    /// <summary>The release tag on the commit that the version is (v1.2.3); empty when GitVersion computed the version.</summary>
    public string VersionTag => Text(Versioning.ReleaseVersionOverlay.TagVariable);

    /// <summary>True for a version without a pre-release part (1.2.3, not 1.2.3-beta.1).</summary>
    public bool IsStable => PreReleaseTag.Length == 0;

    /// <summary>Any variable GitVersion reports, by its name; empty when it reported none.</summary>
    public string this[string variable] => _values.Value.GetValueOrDefault(variable) ?? "";

    public override string ToString() => SemVer;

    private string Text(string name) => this[name];

    private int Number(string name) => int.Parse(Text(name), CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.Null => "",
                _ => p.Value.GetRawText(),
            });
    }
}
