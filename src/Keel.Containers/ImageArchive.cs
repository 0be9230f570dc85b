using System.Security.Cryptography;
using System.Text.Json;
using Keel.Tooling;

namespace Keel.Containers;

/// <summary>
/// An image of one layer made from a root file system, for any platform, loaded with <c>docker load</c>: the archive
/// <c>docker save</c> writes (manifest.json, the config, the layer), so the config names the platform's architecture,
/// which <c>docker import</c> does not do for another platform.
/// </summary>
internal static class ImageArchive
{
    /// <summary>Writes the archive's manifest and config into <paramref name="folder"/>, beside <paramref name="layer"/> (a tar of the root file system).</summary>
    public static void Write(AbsolutePath folder, AbsolutePath layer, ContainerPlatform platform, string reference, ImageSettings settings)
    {
        string layerDigest;
        using (var stream = File.OpenRead(layer))
            layerDigest = $"sha256:{Convert.ToHexStringLower(SHA256.HashData(stream))}";
        var config = Config(platform, layerDigest, settings);
        var configName = $"{Convert.ToHexStringLower(SHA256.HashData(config))}.json";
        File.WriteAllBytes(folder / configName, config);
        File.WriteAllBytes(folder / "manifest.json", JsonSerializer.SerializeToUtf8Bytes(new[]
        {
            new Dictionary<string, object> { ["Config"] = configName, ["RepoTags"] = new[] { reference }, ["Layers"] = new[] { Path.GetFileName(layer) } },
        }));
    }

    /// <summary>Pure: the image config of a one-layer image for the platform.</summary>
    public static byte[] Config(ContainerPlatform platform, string layerDigest, ImageSettings settings)
    {
        var image = new Dictionary<string, object>
        {
            ["architecture"] = platform.Architecture,
            ["os"] = platform.Os,
            ["config"] = new Dictionary<string, object>
            {
                ["Env"] = settings.Environment.Select(e => $"{e.Key}={e.Value}").ToArray(),
                ["WorkingDir"] = settings.WorkingDirectory,
                ["Labels"] = settings.Labels,
            },
            ["rootfs"] = new Dictionary<string, object> { ["type"] = "layers", ["diff_ids"] = new[] { layerDigest } },
            ["history"] = new[] { new Dictionary<string, string> { ["created_by"] = settings.CreatedBy } },
        };
        if (platform.Variant is { } variant)
            image["variant"] = variant;
        return JsonSerializer.SerializeToUtf8Bytes(image);
    }
}

/// <summary>What a one-layer image sets: its environment, working directory and labels, and a line for its history.</summary>
internal sealed record ImageSettings(IReadOnlyList<KeyValuePair<string, string>> Environment, string WorkingDirectory, IReadOnlyDictionary<string, string> Labels, string CreatedBy);
