using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EndToEnd.Tests;

/// <summary>What the proxy does to a request that matches a rule.</summary>
public enum Fault
{
    /// <summary>Answer with <see cref="FaultRule.Status"/> (and <see cref="FaultRule.Body"/>) instead of the registry.</summary>
    Status,

    /// <summary>Wait <see cref="FaultRule.Delay"/>, then pass the request on.</summary>
    Delay,

    /// <summary>Never answer.</summary>
    Hang,

    /// <summary>Close the connection without an answer.</summary>
    Drop,
}

/// <summary>A rule: requests whose method and path match, up to <see cref="Times"/> of them (all when null), get the fault.</summary>
public sealed record FaultRule(string Method, string PathPattern, Fault Fault)
{
    public int Status { get; init; } = 503;
    public string Body { get; init; } = "";

    /// <summary>Headers of a <see cref="Fault.Status"/> answer, as the server it stands in for would send them.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public TimeSpan Delay { get; init; }
    public int? Times { get; init; }

    /// <summary>True: only requests that carry credentials (an Authorization header); false: only those without; null: both.</summary>
    public bool? Authorized { get; init; }

    internal int Used;

    internal bool Matches(HttpRequest request) =>
        (Method == "*" || request.Method.Equals(Method, StringComparison.OrdinalIgnoreCase))
        && Regex.IsMatch(request.Path + request.QueryString, PathPattern)
        && (Authorized is null || Authorized == request.Headers.Authorization.Count > 0)
        && (Times is null || Interlocked.Increment(ref Used) <= Times);
}

/// <summary>
/// A fault-injecting reverse proxy for the end-to-end tests: HTTPS on 127.0.0.1 (a loopback registry, which the
/// Docker engine and the build accept with any certificate), passing every request on to the real TLS registry
/// behind it unless a rule says otherwise. The registry builds its upload addresses from the Host header, which is
/// passed on unchanged, so every request of a push comes back through the proxy.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly List<FaultRule> _rules = [];
    private readonly List<string> _seen = [];

    public FaultProxy(SecureRegistry registry)
    {
        Port = SecureRegistry.FreePort();
        Address = $"127.0.0.1:{Port}";
        _upstream = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => TestAuthority.Trusts(registry.CaFile, certificate) },
        })
        {
            BaseAddress = new Uri($"https://{registry.Address}"),
            Timeout = Timeout.InfiniteTimeSpan,
        };

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Image layers are large and a push may be slow: no body size or data rate limits of the proxy's own.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Listen(IPAddress.Loopback, Port, listen => listen.UseHttps(Certificate()));
        });
        _app = builder.Build();
        _app.Run(HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public int Port { get; }
    public string Address { get; }

    /// <summary>"METHOD /path" of every request that reached the proxy, in order.</summary>
    public IReadOnlyList<string> Seen
    {
        get
        {
            lock (_seen)
                return [.. _seen];
        }
    }

    public FaultProxy Add(FaultRule rule)
    {
        lock (_rules)
            _rules.Add(rule);
        return this;
    }

    public void Clear()
    {
        lock (_rules)
            _rules.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
            await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
        _upstream.Dispose();
        LocalImages.RemoveUnder(Address);
    }

    private async Task HandleAsync(HttpContext context)
    {
        lock (_seen)
            _seen.Add($"{context.Request.Method} {context.Request.Path}");
        FaultRule? rule;
        lock (_rules)
            rule = _rules.FirstOrDefault(r => r.Matches(context.Request));

        switch (rule?.Fault)
        {
            case Fault.Status:
                context.Response.StatusCode = rule.Status;
                foreach (var (name, value) in rule.Headers)
                    context.Response.Headers[name] = value;
                if (rule.Body.Length > 0)
                {
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync(rule.Body);
                }

                return;
            case Fault.Hang:
                await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted).ContinueWith(_ => { });
                return;
            case Fault.Drop:
                context.Abort();
                return;
            case Fault.Delay:
                await Task.Delay(rule.Delay, context.RequestAborted);
                break;
        }

        await ForwardAsync(context);
    }

    private async Task ForwardAsync(HttpContext context)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
        var hasBody = context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0;
        if (hasBody)
            request.Content = new StreamContent(context.Request.Body);
        foreach (var (name, values) in context.Request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                continue;
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values) && request.Content is not null)
                request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values);
        }

        request.Headers.Host = context.Request.Host.Value;
        using var response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                context.Response.Headers[name] = values.ToArray();
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private static X509Certificate2 Certificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=keel-fault-proxy", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        // Kestrel wants a certificate whose key it can use; a PFX round trip gives it one on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
