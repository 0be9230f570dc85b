using System.Text.RegularExpressions;

namespace Keel.Containers;

/// <summary>
/// Pure: what the merge of a distributed publish is handed, platform=digest pairs (linux/arm64=sha256:...), read into
/// one digest a platform. Given at all, it names every platform once, each with a digest: a part whose job reported
/// nothing (an output under the wrong name, a job that did not push) stops the merge before anything is written.
/// Not given, there is nothing to hold the registry's tags to: the merge reads each platform's image from them alone.
/// </summary>
internal static partial class PlatformDigestList
{
    public static IReadOnlyDictionary<string, string> Parse(IReadOnlyList<string> values, IReadOnlyList<ContainerPlatform> platforms, string source)
    {
        var entries = values.SelectMany(v => v.Split([',', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).ToList();
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        if (values.Count == 0)
            return digests;
        foreach (var entry in entries)
        {
            var parts = entry.Split('=', 2);
            if (parts.Length != 2 || parts[1].Length == 0)
                throw new BuildException($"{source}: '{entry}' is not platform=digest; write linux/arm64=sha256:<64 hex digits>, one pair a platform, comma-separated.");
            var platform = ContainerPlatform.Parse(parts[0], source).ToString();
            if (!platforms.Any(p => p.ToString() == platform))
                throw new BuildException($"{source}: '{platform}' is not one of the image's platforms ({string.Join(", ", platforms)}); merge the platforms --platforms names.");
            if (!Digest().IsMatch(parts[1]))
                throw new BuildException($"{source}: the {platform} digest '{parts[1]}' is not sha256:<64 hex digits>, as a registry names an image.");
            if (!digests.TryAdd(platform, parts[1]))
                throw new BuildException($"{source}: {platform} is named twice; each platform's job reports one digest.");
        }

        if (platforms.FirstOrDefault(p => !digests.ContainsKey(p.ToString())) is { } missing)
            throw new BuildException($"{source} has no digest for {missing}: its job reported none, so nothing was merged. Look at that job's '{ImageOutputs.PlatformDigests}' output, or run PushPlatformImage for {missing} first.");
        return digests;
    }

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex Digest();
}
