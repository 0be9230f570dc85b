using System.Security.Cryptography;
using System.Text.Json;
using Keel.Tooling;

namespace Keel.Containers;

/// <summary>
/// Images made from root file system layers, for any platform, loaded with <c>docker load</c>: the archive
/// <c>docker save</c> writes (manifest.json, each config, the layers), so the config names the platform's architecture,
/// which <c>docker import</c> does not do for another platform. Images that share a layer share it in the engine too.
/// </summary>
internal static class ImageArchive
{
    /// <summary>Writes the archive's manifest and configs into <paramref name="folder"/>, beside the layers (tars in that folder).</summary>
    public static void Write(AbsolutePath folder, IReadOnlyList<ArchivedImage> images)
    {
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        string Digest(string layer)
        {
            if (!digests.TryGetValue(layer, out var digest))
            {
                using var stream = File.OpenRead(folder / layer);
                digests[layer] = digest = $"sha256:{Convert.ToHexStringLower(SHA256.HashData(stream))}";
            }

            return digest;
        }

        var manifest = new List<Dictionary<string, object>>();
        foreach (var image in images)
        {
            var config = Config(image.Platform, [.. image.Layers.Select(Digest)], image.Settings);
            var configName = $"{Convert.ToHexStringLower(SHA256.HashData(config))}.json";
            File.WriteAllBytes(folder / configName, config);
            manifest.Add(new Dictionary<string, object> { ["Config"] = configName, ["RepoTags"] = image.References, ["Layers"] = image.Layers });
        }

        File.WriteAllBytes(folder / "manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest));
    }

    /// <summary>Pure: the image config of an image of those layers for the platform.</summary>
    public static byte[] Config(ContainerPlatform platform, IReadOnlyList<string> layerDigests, ImageSettings settings)
    {
        var config = new Dictionary<string, object>
        {
            ["Env"] = settings.Environment.Select(e => $"{e.Key}={e.Value}").ToArray(),
            ["WorkingDir"] = settings.WorkingDirectory,
            ["User"] = settings.User,
            ["Labels"] = settings.Labels,
        };
        if (settings.ExposedPorts.Count > 0)
            config["ExposedPorts"] = settings.ExposedPorts.ToDictionary(p => p, _ => new Dictionary<string, object>());
        if (settings.Command.Count > 0)
            config["Cmd"] = settings.Command;
        var image = new Dictionary<string, object>
        {
            ["architecture"] = platform.Architecture,
            ["os"] = platform.Os,
            ["config"] = config,
            ["rootfs"] = new Dictionary<string, object> { ["type"] = "layers", ["diff_ids"] = layerDigests },
            ["history"] = layerDigests.Select(_ => new Dictionary<string, string> { ["created_by"] = settings.CreatedBy }).ToArray(),
        };
        if (platform.Variant is { } variant)
            image["variant"] = variant;
        return JsonSerializer.SerializeToUtf8Bytes(image);
    }
}

/// <summary>One image of an archive: its tags, its layers (file names in the archive's folder, bottom first), its platform and config.</summary>
internal sealed record ArchivedImage(IReadOnlyList<string> References, IReadOnlyList<string> Layers, ContainerPlatform Platform, ImageSettings Settings);

/// <summary>What an image sets: its environment, working directory, user, ports, command and labels, and a line for its history.</summary>
internal sealed record ImageSettings(IReadOnlyList<KeyValuePair<string, string>> Environment, string WorkingDirectory, IReadOnlyDictionary<string, string> Labels, string CreatedBy)
{
    public string User { get; init; } = "";

    /// <summary>8080/tcp, ...</summary>
    public IReadOnlyList<string> ExposedPorts { get; init; } = [];

    public IReadOnlyList<string> Command { get; init; } = [];
}
