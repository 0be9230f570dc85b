using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Store.Catalog;

namespace Store.Tests;

public class StoreTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private static readonly string StampedVersion =
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

    [Fact]
    public async Task HealthReportsHealthyWithTheStampedVersion()
    {
        var response = await factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(StampedVersion, body.RootElement.GetProperty("version").GetString());
        // What the image's smoke test checks against the platform it was built for.
        Assert.Equal(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString(), body.RootElement.GetProperty("architecture").GetString());
    }

    [Fact]
    public async Task TheHomePageListsEveryProductAndShowsTheVersion()
    {
        var html = WebUtility.HtmlDecode(await factory.CreateClient().GetStringAsync("/"));

        foreach (var product in new ProductCatalog().All)
            Assert.Contains(product.Name, html);
        Assert.Contains($"<span id=\"version\">{StampedVersion}</span>", html);
    }

    [Fact]
    public async Task TheHomePageIsAnInteractiveServerPageWithAnEmptyCartAndTheFrameworkScriptIsServed()
    {
        var client = factory.CreateClient();
        var html = await client.GetStringAsync("/");
        var script = await client.GetAsync("/_framework/blazor.web.js");

        // Prerendered on the server, then interactive over the circuit the framework script opens.
        Assert.Contains("<span id=\"cart-count\">0</span>", html);
        Assert.Contains("<!--Blazor:{\"type\":\"server\"", html);
        Assert.Contains("_framework/blazor.web", html);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task TheApiReturnsProductsAndNotFoundForUnknownOnes()
    {
        var client = factory.CreateClient();

        var products = await client.GetFromJsonAsync<Product[]>("/api/products");
        var mug = await client.GetFromJsonAsync<Product>("/api/products/1");
        var missing = await client.GetAsync("/api/products/999");

        Assert.Equal(4, products!.Length);
        Assert.Equal("Harbour Mug", mug!.Name);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task TheVersionEndpointAnswersWithTheStampedVersionAndTheConfiguration()
    {
        var body = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/version");

        Assert.Equal(StampedVersion, body.GetProperty("version").GetString());
#if DEBUG
        Assert.Equal("Debug", body.GetProperty("configuration").GetString());
#else
        Assert.Equal("Release", body.GetProperty("configuration").GetString());
#endif
    }
}
