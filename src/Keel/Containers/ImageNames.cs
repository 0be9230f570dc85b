using System.Text;
using System.Text.RegularExpressions;

namespace Keel.Containers;

/// <summary>The one place where names become valid image tags and repository paths.</summary>
public static partial class ImageNames
{
    public const int MaxTagLength = 128;

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
    /// registry/owner/name, lowercased (owners with capitals are common); a part that is still not a valid
    /// repository component fails with the parameter to fix.
    /// </summary>
    public static string Repository(string registry, string owner, string name)
    {
        var parts = new[] { (owner.ToLowerInvariant(), "--owner"), (name.ToLowerInvariant(), "--image-name") };
        foreach (var (part, parameter) in parts)
        {
            if (!part.Split('/').All(component => Component().IsMatch(component)))
                throw new BuildException($"'{part}' (from {parameter}) is not a valid image repository name; use lowercase letters, digits and single '.', '_' or '-' between them.");
        }

        var host = registry.Trim().TrimEnd('/').ToLowerInvariant();
        if (host.Length == 0 || host.Contains("://", StringComparison.Ordinal))
            throw new BuildException($"'{registry}' (from --registry) is not a registry host; give host[:port], e.g. ghcr.io or localhost:5000.");
        return $"{host}/{parts[0].Item1}/{parts[1].Item1}";
    }

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")]
    private static partial Regex Component();
}
