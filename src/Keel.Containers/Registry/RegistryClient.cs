using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;

namespace Keel.Containers;

/// <summary>
/// The registry HTTP API (v2), trusted and authenticated the way docker does it (<see cref="DockerTrust"/>), Basic or
/// Bearer-token auth with the login's credentials, and plain HTTP only for a loopback registry that does not speak
/// TLS at all: never for one whose certificate is merely unknown.
/// </summary>
internal sealed class RegistryClient : IDisposable
{
    private static readonly string[] ManifestTypes =
    [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    private readonly string _registry;
    private readonly string? _username, _password;
    private readonly HttpClient _http;
    private string? _baseAddress;
    private AuthenticationHeaderValue? _authorization;

    public RegistryClient(string registry, string? username, string? password, string certificatesDirectory = DockerTrust.CertificatesDirectory)
    {
        _registry = registry;
        _username = username;
        _password = password;
        var trust = new DockerTrust(registry, certificatesDirectory);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) => trust.Accepts(certificate, errors),
        };
        foreach (var certificate in trust.ClientCertificates())
            handler.ClientCertificates.Add(certificate);
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Where the login comes from, named when the registry refuses it.</summary>
    public string CredentialsHint { get; init; } = "the registry credentials";

    /// <summary>The digest a tag points to, or null when the registry does not know it.</summary>
    public async Task<string?> ManifestDigestAsync(string path, string reference, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(() => ManifestRequest(HttpMethod.Head, path, reference), Scope(path, push: false), cancellationToken);
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
                return null;
            Ensure(response, $"{path}:{reference}");
            return response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.First() : null;
        }
    }

    /// <summary>
    /// The labels of the image a digest names (for an index, of its first platform's image): what a registry says
    /// about who built an existing tag.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> ImageLabelsAsync(string path, string digest, CancellationToken cancellationToken = default)
    {
        var (manifest, _) = await ManifestAsync(path, digest, cancellationToken);
        using var document = JsonDocument.Parse(manifest);
        var root = document.RootElement;
        if (root.TryGetProperty("manifests", out var platforms) && platforms.ValueKind == JsonValueKind.Array && platforms.GetArrayLength() > 0)
            return await ImageLabelsAsync(path, platforms[0].GetProperty("digest").GetString()!, cancellationToken);
        using var body = await ConfigAsync(path, root, cancellationToken);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.RootElement.TryGetProperty("config", out var settings) && settings.TryGetProperty("Labels", out var values) && values.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in values.EnumerateObject())
                labels[label.Name] = label.Value.GetString() ?? "";
        }

        return labels;
    }

    /// <summary>
    /// What a registry that fails uploads says about its storage: the detail of its error when it reports that its
    /// disk is full, else null. It uploads the empty blob (nothing a repository does not already allow) to ask.
    /// </summary>
    public async Task<string?> FullDiskAsync(string path, CancellationToken cancellationToken = default)
    {
        const string empty = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        try
        {
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"/v2/{path}/blobs/uploads/?digest={empty}")
            {
                Content = new ByteArrayContent([]),
            }, Scope(path, push: true), cancellationToken);
            if ((int)response.StatusCode < 500)
                return null;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return body.Contains("no space left on device", StringComparison.OrdinalIgnoreCase) ? "no space left on device" : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Points a tag at a manifest the repository already holds, by putting that same manifest under the tag.</summary>
    public async Task TagAsync(string path, string digest, string tag, CancellationToken cancellationToken = default)
    {
        var (manifest, mediaType) = await ManifestAsync(path, digest, cancellationToken);
        await PutManifestAsync(path, tag, manifest, mediaType, cancellationToken);
    }

    /// <summary>Puts a manifest under a tag: one the repository already holds, or a new image index.</summary>
    public async Task PutManifestAsync(string path, string tag, byte[] manifest, string mediaType, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, $"/v2/{path}/manifests/{tag}")
        {
            Content = new ByteArrayContent(manifest) { Headers = { ContentType = new MediaTypeHeaderValue(mediaType) } },
        }, Scope(path, push: true), cancellationToken);
        Ensure(response, $"{path}:{tag}");
    }

    /// <summary>The os, architecture and variant an image manifest's config names: what its platform really is.</summary>
    public async Task<string> ImagePlatformAsync(string path, string digest, CancellationToken cancellationToken = default)
    {
        var (manifest, _) = await ManifestAsync(path, digest, cancellationToken);
        using var document = JsonDocument.Parse(manifest);
        using var config = await ConfigAsync(path, document.RootElement, cancellationToken);
        return ImageIndex.PlatformName(config.RootElement);
    }

    /// <summary>The config blob an image manifest names.</summary>
    private async Task<JsonDocument> ConfigAsync(string path, JsonElement manifest, CancellationToken cancellationToken)
    {
        var config = manifest.GetProperty("config").GetProperty("digest").GetString()!;
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"/v2/{path}/blobs/{config}"), Scope(path, push: false), cancellationToken);
        Ensure(response, $"{path}@{config}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>A manifest's bytes and media type, by tag or digest.</summary>
    public async Task<(byte[] Body, string MediaType)> ManifestAsync(string path, string reference, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => ManifestRequest(HttpMethod.Get, path, reference), Scope(path, push: false), cancellationToken);
        Ensure(response, $"{path}@{reference}");
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (string.IsNullOrEmpty(mediaType))
        {
            using var document = JsonDocument.Parse(body);
            mediaType = document.RootElement.TryGetProperty("mediaType", out var declared) ? declared.GetString() : null;
        }

        return (body, mediaType ?? ManifestTypes[1]);
    }

    /// <summary>
    /// What answers GET /v2/ at this address, without credentials: nothing (the connection is refused), something that
    /// gives no HTTP answer, or an answer, whose status and headers say whether it is a registry.
    /// </summary>
    public async Task<RegistryPing> PingAsync(CancellationToken cancellationToken = default)
    {
        var url = $"{_baseAddress ?? $"http://{_registry}"}/v2/";
        try
        {
            _baseAddress ??= await ChooseSchemeAsync(cancellationToken);
            url = $"{_baseAddress}/v2/";
            using var response = await _http.GetAsync(url, cancellationToken);
            return new RegistryPing(url, RegistryPingKind.Answer)
            {
                Status = (int)response.StatusCode,
                Reason = response.ReasonPhrase,
                ApiVersion = response.Headers.TryGetValues("Docker-Distribution-API-Version", out var versions) ? versions.FirstOrDefault() : null,
                Server = response.Headers.Server.Count > 0 ? response.Headers.Server.ToString() : null,
            };
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return new RegistryPing(url, RegistryPingKind.Nothing);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new RegistryPing(url, RegistryPingKind.NotHttp) { Error = e.InnerException?.Message ?? e.Message };
        }
    }

    /// <summary>
    /// Asks the registry whether it takes the login, the way docker login does but with each answer kept apart: GET
    /// /v2/ without credentials for the challenge, then GET /v2/ with Basic credentials, or, for a Bearer challenge, a
    /// token from its realm with them and GET /v2/ with the token. One try: the caller tries again on a passing verdict.
    /// The password goes into Authorization headers only.
    /// </summary>
    public async Task<LoginCheck> CheckLoginAsync(CancellationToken cancellationToken = default)
    {
        if (_username is null || _password is null)
            throw new InvalidOperationException("A login is checked only with credentials.");
        _baseAddress ??= await ChooseSchemeAsync(cancellationToken);
        var root = $"{_baseAddress}/v2/";
        AuthenticationHeaderValue? challenge;
        using (var ping = await _http.GetAsync(root, cancellationToken))
        {
            if (ping.StatusCode != HttpStatusCode.Unauthorized)
                return LoginCheck.OfPing((int)ping.StatusCode, ping.ReasonPhrase, root);
            challenge = ping.Headers.WwwAuthenticate.FirstOrDefault();
        }

        var basic = Basic();
        if (challenge is null || challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            return await AskAsync(root, basic, "with the credentials", cancellationToken);
        if (!challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return LoginCheck.Unexpected($"a {challenge.Scheme} challenge to GET {root}, which docker does not answer");

        var parameters = ParseChallenge(challenge.Parameter ?? "");
        if (parameters.GetValueOrDefault("realm") is not { } realm || !Uri.TryCreate(realm, UriKind.Absolute, out _))
            return LoginCheck.Unexpected($"a Bearer challenge without a usable realm to GET {root}");
        // As docker login asks: for the account, with no repository scope.
        var query = $"?service={Uri.EscapeDataString(parameters.GetValueOrDefault("service") ?? "")}&account={Uri.EscapeDataString(_username)}";
        string? token;
        using (var request = new HttpRequestMessage(HttpMethod.Get, realm + query) { Headers = { Authorization = basic } })
        using (var response = await _http.SendAsync(request, cancellationToken))
        {
            if (!response.IsSuccessStatusCode)
                return LoginCheck.OfCredentialed((int)response.StatusCode, response.ReasonPhrase, $"GET {realm} (its token service) with the credentials");
            token = await TokenAsync(response, cancellationToken);
        }

        return token is null
            ? LoginCheck.Unexpected($"no token from its token service {realm}")
            : await AskAsync(root, new AuthenticationHeaderValue("Bearer", token), "with a token its token service gave for the credentials", cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private AuthenticationHeaderValue Basic() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_username}:{_password}")));

    private async Task<LoginCheck> AskAsync(string root, AuthenticationHeaderValue authorization, string carrying, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, root) { Headers = { Authorization = authorization } };
        using var response = await _http.SendAsync(request, cancellationToken);
        return LoginCheck.OfCredentialed((int)response.StatusCode, response.ReasonPhrase, $"GET {root} {carrying}");
    }

    /// <summary>The token of a token service's answer ("token", or OAuth's "access_token"); null when it holds none.</summary>
    private static async Task<string?> TokenAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return document.RootElement.ValueKind != JsonValueKind.Object ? null
                : document.RootElement.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
                : document.RootElement.TryGetProperty("access_token", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A request for a manifest that accepts every kind a tag may name: OCI index or image, Docker list or image.</summary>
    private static HttpRequestMessage ManifestRequest(HttpMethod method, string path, string reference)
    {
        var request = new HttpRequestMessage(method, $"/v2/{path}/manifests/{reference}");
        foreach (var type in ManifestTypes)
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        return request;
    }

    private static string Scope(string path, bool push) => push ? $"repository:{path}:pull,push" : $"repository:{path}:pull";

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, string? scope, CancellationToken cancellationToken)
    {
        _baseAddress ??= await ChooseSchemeAsync(cancellationToken);
        var response = await SendOnceAsync(create, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || scope is null)
            return response;

        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault();
        response.Dispose();
        _authorization = await AuthorizeAsync(challenge, scope, cancellationToken);
        return await SendOnceAsync(create, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        using var request = create();
        request.RequestUri = new Uri(_baseAddress + request.RequestUri!.OriginalString);
        request.Headers.Authorization = _authorization;
        return await _http.SendAsync(request, cancellationToken);
    }

    private async Task<string> ChooseSchemeAsync(CancellationToken cancellationToken)
    {
        var secure = $"https://{_registry}";
        try
        {
            using var probe = await _http.GetAsync(secure + "/v2/", cancellationToken);
            return secure;
        }
        catch (HttpRequestException e) when (RegistryCredentials.IsOnThisMachine(_registry) && e.InnerException is AuthenticationException or IOException)
        {
            // A loopback registry that does not speak TLS at all (any certificate of one that does is accepted), as docker.
            return $"http://{_registry}";
        }
    }

    private async Task<AuthenticationHeaderValue?> AuthorizeAsync(AuthenticationHeaderValue? challenge, string scope, CancellationToken cancellationToken)
    {
        if (_username is null || _password is null)
            throw new BuildException($"The registry {_registry} asks for credentials, and the build gave none; pass {CredentialsHint}.");
        var basic = Basic();
        if (challenge is null || challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            return basic;

        var parameters = ParseChallenge(challenge.Parameter ?? "");
        var realm = parameters.GetValueOrDefault("realm") ?? throw new BuildException($"The registry {_registry} sent a Bearer challenge without a realm.");
        var query = $"?service={Uri.EscapeDataString(parameters.GetValueOrDefault("service") ?? "")}&scope={Uri.EscapeDataString(parameters.GetValueOrDefault("scope") ?? scope)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, realm + query);
        request.Headers.Authorization = basic;
        using var response = await _http.SendAsync(request, cancellationToken);
        Ensure(response, "token");
        var token = await TokenAsync(response, cancellationToken);
        return new AuthenticationHeaderValue("Bearer", token ?? throw new BuildException($"The registry {_registry} gave no token."));
    }

    /// <summary>realm="...",service="...",scope="..." -> a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> ParseChallenge(string parameter)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < parameter.Length)
        {
            var equals = parameter.IndexOf('=', i);
            if (equals < 0)
                break;
            var key = parameter[i..equals].Trim().TrimStart(',').Trim();
            string value;
            if (equals + 1 < parameter.Length && parameter[equals + 1] == '"')
            {
                var close = parameter.IndexOf('"', equals + 2);
                close = close < 0 ? parameter.Length : close;
                value = parameter[(equals + 2)..close];
                i = close + 1;
            }
            else
            {
                var comma = parameter.IndexOf(',', equals);
                comma = comma < 0 ? parameter.Length : comma;
                value = parameter[(equals + 1)..comma];
                i = comma;
            }

            result[key] = value;
            while (i < parameter.Length && parameter[i] is ',' or ' ')
                i++;
        }

        return result;
    }

    private void Ensure(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode)
            return;
        throw response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? new BuildException($"The registry {_registry} refused access to {what} ({(int)response.StatusCode}); check {CredentialsHint}.")
            : new BuildException($"The registry {_registry} answered {(int)response.StatusCode} {response.ReasonPhrase} for {what}.");
    }
}
