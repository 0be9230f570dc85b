using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>
/// The token half of ghcr.io's login flow, for the test registry: the registry answers 401 with a Bearer challenge
/// naming this server as realm, a client fetches a JWT here with Basic credentials, and the registry checks the
/// JWT's signature against <see cref="CertificateBundle"/>. GitHub's real token service cannot run here; this one
/// speaks the same protocol (the registry's token specification), and the registry that verifies its tokens is
/// the real one.
/// </summary>
public sealed class TokenServer : IDisposable
{
    public const string Service = "keel-e2e-registry";
    public const string Issuer = "keel-e2e-tokens";

    private readonly string _username, _password;
    private readonly RSA _key = RSA.Create(2048);
    private readonly X509Certificate2 _certificate;
    private readonly HttpListener _listener = new();
    private readonly List<string> _requests = [];

    public TokenServer(string directory, string username, string password)
    {
        _username = username;
        _password = password;
        var request = new CertificateRequest($"CN={Issuer}", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        CertificateBundle = Path.Combine(directory, "token-signing.pem");
        File.WriteAllText(CertificateBundle, _certificate.ExportCertificatePem());

        var port = SecureRegistry.FreePort();
        Realm = $"http://127.0.0.1:{port}/token";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Realm { get; }

    /// <summary>The certificate whose key signs every token; the registry trusts tokens chained to it.</summary>
    public string CertificateBundle { get; }

    /// <summary>"METHOD user scope..." for every token request that was granted, in order.</summary>
    public IReadOnlyList<string> GrantedRequests
    {
        get
        {
            lock (_requests)
                return [.. _requests];
        }
    }

    /// <summary>A token for the given scopes, as the test's own probe needs them.</summary>
    public string Issue(string subject, IEnumerable<string> scopes)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new Dictionary<string, object>
        {
            ["typ"] = "JWT",
            ["alg"] = "RS256",
            ["x5c"] = new[] { Convert.ToBase64String(_certificate.RawData) },
        };
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["sub"] = subject,
            ["aud"] = Service,
            ["iat"] = now,
            ["nbf"] = now - 60,
            ["exp"] = now + 600,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = scopes.Select(Access).Where(access => access is not null).ToArray(),
        };
        var signingInput = $"{Base64Url(JsonSerializer.SerializeToUtf8Bytes(header))}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims))}";
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    public void Dispose()
    {
        _listener.Close();
        _certificate.Dispose();
        _key.Dispose();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            try
            {
                await AnswerAsync(context);
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        // GET with Basic credentials and scope parameters, or the OAuth2 password grant as a form POST.
        var form = context.Request.HttpMethod == "POST"
            ? System.Web.HttpUtility.ParseQueryString(await new StreamReader(context.Request.InputStream).ReadToEndAsync())
            : context.Request.QueryString;
        var (user, password) = context.Request.HttpMethod == "POST" ? (form["username"], form["password"]) : BasicCredentials(context.Request);
        if (user != _username || password != _password || form["service"] != Service)
        {
            context.Response.StatusCode = 401;
            return;
        }

        var scopes = (form.GetValues("scope") ?? []).SelectMany(scope => scope.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        lock (_requests)
            _requests.Add($"{context.Request.HttpMethod} {user} {string.Join(' ', scopes)}".TrimEnd());
        var token = Issue(user, scopes);
        context.Response.ContentType = "application/json";
        await context.Response.OutputStream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(new { token, access_token = token, expires_in = 600 }));
    }

    private static (string? User, string? Password) BasicCredentials(HttpListenerRequest request)
    {
        var header = request.Headers["Authorization"];
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return (null, null);
        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        var colon = pair.IndexOf(':');
        return colon < 0 ? (pair, null) : (pair[..colon], pair[(colon + 1)..]);
    }

    /// <summary>"repository:acme/store:pull,push" -> the token's access entry for it.</summary>
    private static Dictionary<string, object>? Access(string scope)
    {
        var parts = scope.Split(':');
        if (parts.Length < 3)
            return null;
        return new Dictionary<string, object>
        {
            ["type"] = parts[0],
            ["name"] = string.Join(':', parts[1..^1]),
            ["actions"] = parts[^1].Split(','),
        };
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
