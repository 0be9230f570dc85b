using System.Security.Cryptography;
using System.Text.Json;

namespace Keel.Containers;

/// <summary>One platform's image in an index: its manifest as the registry holds it.</summary>
/// <param name="Platform">The platform the image was built for.</param>
/// <param name="Digest">The digest of its manifest.</param>
/// <param name="MediaType">The manifest's media type (Docker v2 or OCI image manifest).</param>
/// <param name="Size">The manifest's size in bytes.</param>
internal sealed record PlatformManifest(ContainerPlatform Platform, string Digest, string MediaType, long Size);

/// <summary>
/// Pure: the OCI image index that lists one manifest per platform, the thing a multi-platform tag names. The image's
/// labels go in as the index's annotations, where registries such as ghcr.io read the source and description of a
/// multi-platform image. The same platforms and annotations always give the same bytes, so a re-run gives the same digest.
/// </summary>
internal static class ImageIndex
{
    public const string MediaType = "application/vnd.oci.image.index.v1+json";

    public static byte[] Create(IReadOnlyList<PlatformManifest> platforms, IReadOnlyDictionary<string, string> annotations)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 2);
            json.WriteString("mediaType", MediaType);
            json.WriteStartArray("manifests");
            foreach (var image in platforms)
            {
                json.WriteStartObject();
                json.WriteString("mediaType", image.MediaType);
                json.WriteString("digest", image.Digest);
                json.WriteNumber("size", image.Size);
                json.WriteStartObject("platform");
                json.WriteString("architecture", image.Platform.Architecture);
                json.WriteString("os", image.Platform.Os);
                if (image.Platform.Variant is { } variant)
                    json.WriteString("variant", variant);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (annotations.Count > 0)
            {
                json.WriteStartObject("annotations");
                foreach (var (key, value) in annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
                    json.WriteString(key, value);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>The platforms an index lists, with their manifests' digests: os/arch[/variant] -> digest.</summary>
    public static IReadOnlyDictionary<string, string> Platforms(byte[] index)
    {
        using var document = JsonDocument.Parse(index);
        var platforms = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!document.RootElement.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array)
            return platforms;
        foreach (var manifest in manifests.EnumerateArray())
        {
            if (manifest.TryGetProperty("platform", out var platform))
                platforms[PlatformName(platform)] = manifest.GetProperty("digest").GetString()!;
        }

        return platforms;
    }

    /// <summary>os/architecture[/variant] of a JSON object with those fields: an index entry's platform, an image config.</summary>
    internal static string PlatformName(JsonElement element)
    {
        string? Field(string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;
        return Field("variant") is { Length: > 0 } variant ? $"{Field("os")}/{Field("architecture")}/{variant}" : $"{Field("os")}/{Field("architecture")}";
    }
}

/// <summary>Pure: the digest a registry gives a manifest, sha256 of its bytes.</summary>
internal static class ManifestDigest
{
    public static string Of(byte[] manifest) => $"sha256:{Convert.ToHexStringLower(SHA256.HashData(manifest))}";
}
