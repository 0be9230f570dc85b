using System.Globalization;
using System.Text.RegularExpressions;

namespace Keel;

/// <summary>
/// A Semantic Versioning 2.0.0 version, ordered by SemVer precedence (build metadata takes no part). Release tags
/// are read with it: <c>v1.2.3</c>, <c>1.2.3</c> and <c>v7.3.0-rc.2</c> are versions; <c>v1.2</c> and <c>release-5</c> are not.
/// Image steps read an image's version label with it, to move release tags only forward.
/// </summary>
public sealed partial record SemanticVersion(int Major, int Minor, int Patch, string PreRelease = "", string BuildMetadata = "") : IComparable<SemanticVersion>
{
    public bool IsStable => PreRelease.Length == 0;

    /// <summary>1.2.3 or 1.2.3-rc.2: the version without build metadata.</summary>
    public string SemVer => PreRelease.Length == 0 ? $"{Major}.{Minor}.{Patch}" : $"{Major}.{Minor}.{Patch}-{PreRelease}";

    /// <summary>A version, optionally after a 'v' or 'V' (GitVersion's default tag prefix); null for anything else.</summary>
    public static SemanticVersion? FromTag(string tag)
    {
        var match = Pattern().Match(tag);
        if (!match.Success)
            return null;
        int Number(string group) => int.TryParse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var (major, minor, patch) = (Number("major"), Number("minor"), Number("patch"));
        return major < 0 || minor < 0 || patch < 0
            ? null
            : new SemanticVersion(major, minor, patch, match.Groups["pre"].Value, match.Groups["build"].Value);
    }

    public int CompareTo(SemanticVersion? other)
    {
        if (other is null)
            return 1;
        var core = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (core != 0)
            return core;
        // A pre-release sorts before its release; otherwise identifier by identifier.
        if (PreRelease.Length == 0 || other.PreRelease.Length == 0)
            return other.PreRelease.Length.CompareTo(PreRelease.Length) switch { 0 => 0, var c => Math.Sign(c) };
        var mine = PreRelease.Split('.');
        var theirs = other.PreRelease.Split('.');
        for (var i = 0; i < Math.Min(mine.Length, theirs.Length); i++)
        {
            var compared = CompareIdentifiers(mine[i], theirs[i]);
            if (compared != 0)
                return compared;
        }

        return mine.Length.CompareTo(theirs.Length);
    }

    public override string ToString() => BuildMetadata.Length == 0 ? SemVer : $"{SemVer}+{BuildMetadata}";

    private static int CompareIdentifiers(string a, string b)
    {
        var aNumeric = a.All(char.IsAsciiDigit);
        var bNumeric = b.All(char.IsAsciiDigit);
        return (aNumeric, bNumeric) switch
        {
            (true, true) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b),
            (true, false) => -1,
            (false, true) => 1,
            _ => Math.Sign(string.CompareOrdinal(a, b)),
        };
    }

    // semver.org's grammar: no leading zeros in numbers, dot-separated alphanumeric identifiers.
    [GeneratedRegex(@"^[vV]?(?<major>0|[1-9]\d*)\.(?<minor>0|[1-9]\d*)\.(?<patch>0|[1-9]\d*)(?:-(?<pre>(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+(?<build>[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")]
    private static partial Regex Pattern();
}
