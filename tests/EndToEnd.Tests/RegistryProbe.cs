using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>
/// The test's own look into the registry over its HTTP API (independent of the build's client). It authorizes each
/// request through <paramref name="authorize"/>, given the request's scope (null for the API root).
/// </summary>
public sealed class RegistryProbe(string address, Func<string?, AuthenticationHeaderValue> authorize, string caFile)
{
    private readonly HttpClient _http = new(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, certificate, _, _) => TestAuthority.Trusts(caFile, certificate),
    })
    {
        BaseAddress = new Uri($"https://{address}"),
    };

    public static AuthenticationHeaderValue Basic(string username, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));

    public bool Answers()
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/") { Headers = { Authorization = authorize(null) } };
            return _http.SendAsync(request).GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Every repository the registry holds.</summary>
    public IReadOnlyList<string> Catalog()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/_catalog") { Headers = { Authorization = authorize("registry:catalog:*") } };
        using var response = _http.SendAsync(request).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        return [.. body.RootElement.GetProperty("repositories").EnumerateArray().Select(r => r.GetString()!).Order()];
    }

    public IReadOnlyList<string> Tags(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{path}/tags/list") { Headers = { Authorization = authorize($"repository:{path}:pull") } };
        using var response = _http.SendAsync(request).GetAwaiter().GetResult();
        if (response.StatusCode == HttpStatusCode.NotFound)
            return [];
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        return body.RootElement.GetProperty("tags") is { ValueKind: JsonValueKind.Array } tags ? [.. tags.EnumerateArray().Select(t => t.GetString()!).Order()] : [];
    }

    /// <summary>The labels of the image a tag or digest names, read from its config blob.</summary>
    public IReadOnlyDictionary<string, string> Labels(string path, string reference)
    {
        using var manifestRequest = new HttpRequestMessage(HttpMethod.Get, $"/v2/{path}/manifests/{reference}") { Headers = { Authorization = authorize($"repository:{path}:pull") } };
        manifestRequest.Headers.Accept.ParseAdd("application/vnd.docker.distribution.manifest.v2+json");
        manifestRequest.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        using var manifest = _http.SendAsync(manifestRequest).GetAwaiter().GetResult();
        manifest.EnsureSuccessStatusCode();
        using var manifestBody = JsonDocument.Parse(manifest.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        var config = manifestBody.RootElement.GetProperty("config").GetProperty("digest").GetString();
        using var configRequest = new HttpRequestMessage(HttpMethod.Get, $"/v2/{path}/blobs/{config}") { Headers = { Authorization = authorize($"repository:{path}:pull") } };
        using var blob = _http.SendAsync(configRequest).GetAwaiter().GetResult();
        blob.EnsureSuccessStatusCode();
        using var configBody = JsonDocument.Parse(blob.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        return configBody.RootElement.GetProperty("config").GetProperty("Labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }

    public string Digest(string path, string tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"/v2/{path}/manifests/{tag}") { Headers = { Authorization = authorize($"repository:{path}:pull") } };
        request.Headers.Accept.ParseAdd("application/vnd.docker.distribution.manifest.v2+json");
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        using var response = _http.SendAsync(request).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    /// <summary>A manifest as a client that takes every kind sees it (an OCI index stays an index), with its digest.</summary>
    public (JsonElement Manifest, string MediaType, string Digest) Manifest(string path, string reference)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{path}/manifests/{reference}") { Headers = { Authorization = authorize($"repository:{path}:pull") } };
        foreach (var type in new[] { "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.manifest.v1+json" })
            request.Headers.Accept.ParseAdd(type);
        using var response = _http.SendAsync(request).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        return (body.RootElement.Clone(), response.Content.Headers.ContentType?.MediaType ?? "", response.Headers.GetValues("Docker-Content-Digest").Single());
    }

    /// <summary>os/architecture from the config blob of the image manifest a digest names.</summary>
    public string Platform(string path, string digest)
    {
        var (manifest, _, _) = Manifest(path, digest);
        var config = manifest.GetProperty("config").GetProperty("digest").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{path}/blobs/{config}") { Headers = { Authorization = authorize($"repository:{path}:pull") } };
        using var blob = _http.SendAsync(request).GetAwaiter().GetResult();
        blob.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(blob.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        return $"{body.RootElement.GetProperty("os").GetString()}/{body.RootElement.GetProperty("architecture").GetString()}";
    }
}
