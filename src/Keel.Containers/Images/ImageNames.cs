using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Keel.Containers;

/// <summary>The one place where names become valid image tags and repository paths.</summary>
internal static partial class ImageNames
{
    public const int MaxTagLength = 128;

    /// <summary>The longest image name (registry/path) Docker takes.</summary>
    public const int MaxNameLength = 255;

    /// <summary>
    /// A valid tag from any text: each run of characters outside [A-Za-z0-9_.-] becomes '-', no leading '.' or
    /// '-', at most 128 characters; null when nothing is left.
    /// </summary>
    public static string? Tag(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-';
            if (valid)
                builder.Append(c);
            else if (builder.Length == 0 || builder[^1] != '-')
                builder.Append('-');
        }

        var tag = builder.ToString().TrimStart('.', '-');
        if (tag.Length > MaxTagLength)
            tag = tag[..MaxTagLength];
        return tag.Length == 0 ? null : tag;
    }

    /// <summary>
    /// A tag that stands for this text and no other: the text itself when it is a valid tag, else its sanitized form
    /// (cut to fit) with a short hash of the text, so that two names never end up as the same tag.
    /// </summary>
    public static string? UniqueTag(string text)
    {
        if (text.Length == 0)
            return null;
        return ValidTag().IsMatch(text) ? text : WithHash(text);
    }

    /// <summary>
    /// The floating tag of a branch: its name when that is a valid tag that no other kind of tag can have, else a
    /// unique form with a short hash. A branch named latest, 1.2, sha-abc1234 or pr-7 never takes that tag.
    /// </summary>
    public static string? BranchTag(string branch) =>
        branch.Length > 0 && Reserved().IsMatch(branch) ? WithHash(branch) : UniqueTag(branch);

    /// <summary>True for a tag docker accepts: [A-Za-z0-9_][A-Za-z0-9._-]{0,127}.</summary>
    public static bool IsValidTag(string tag) => ValidTag().IsMatch(tag);

    private static string WithHash(string text)
    {
        var suffix = "-" + ShortHash(text);
        var sanitized = Tag(text) ?? "x";
        return (sanitized.Length > MaxTagLength - suffix.Length ? sanitized[..(MaxTagLength - suffix.Length)] : sanitized).TrimEnd('.', '-') + suffix;
    }

    private static string ShortHash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];

    /// <summary>
    /// registry/owner/name, lowercased (owners with capitals are common); a part that is still not a valid
    /// repository component fails naming the build's parameter to fix, when <paramref name="parameters"/> says which.
    /// </summary>
    public static string Repository(string registry, string owner, string name, ImageNameParameters? parameters = null)
    {
        parameters ??= ImageNameParameters.None;
        var parts = new[] { (owner.ToLowerInvariant(), parameters.Owner, "owner"), (name.ToLowerInvariant(), parameters.Name, "name") };
        foreach (var (part, parameter, what) in parts)
        {
            if (!part.Split('/').All(component => Component().IsMatch(component)))
                throw Invalid(parameter, what, $"'{part}' is not a valid image repository name; use lowercase letters, digits and single '.', '_' or '-' between them.");
        }

        var repository = $"{Host(registry, parameters.Registry)}/{parts[0].Item1}/{parts[1].Item1}";
        if (repository.Length > MaxNameLength)
            throw Invalid(parameters.Name, "name", $"makes the image name {repository.Length} characters long ({repository[..40]}...), and a name may have {MaxNameLength} at most; shorten the name or the owner.");
        return repository;
    }

    /// <summary>A bad part of an image name: against the build's parameter when there is one, else against the image.</summary>
    private static BuildException Invalid(string? parameter, string part, string problem) =>
        parameter is null ? new BuildException($"The image's {part} {problem}") : new ParameterException(parameter, problem);

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex ValidTag();

    // The names of the tags a build gives besides branch tags: latest, versions (1, 1.2, 1.2.3, 1.2.4-rc.1), sha-..., pr-N.
    [GeneratedRegex(@"^(latest|v?\d+(\.\d+){0,2}([-+].*)?|sha-.*|pr-\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Reserved();

    /// <summary>The registry, lowercased, when it is host[:port] and nothing else; a scheme, a path or a bad port fails naming <paramref name="parameter"/>, the build's parameter that gave it.</summary>
    public static string Host(string registry, string? parameter = null)
    {
        var host = registry.Trim().ToLowerInvariant();
        return IsRegistryHost(host)
            ? host
            : throw Invalid(parameter, "registry", $"'{registry}' is not a registry host; give host[:port] and nothing else, e.g. ghcr.io or localhost:5000 (the owner and the image's name are given apart).");
    }

    private static bool IsRegistryHost(string host) =>
        RegistryHost().Match(host) is { Success: true } match
        && (!match.Groups["port"].Success || (int.TryParse(match.Groups["port"].Value, out var port) && port is >= 1 and <= 65535));

    // A host name, an IPv4 address or a bracketed IPv6 address, then an optional port: no scheme, no path.
    [GeneratedRegex(@"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::(?<port>[0-9]{1,5}))?$")]
    private static partial Regex RegistryHost();

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")]
    private static partial Regex Component();
}
