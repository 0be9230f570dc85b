using Store;
using Store.Catalog;
using Store.Components;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddSingleton<ProductCatalog>();
builder.Services.AddSingleton(AppVersion.FromAssembly(typeof(Program).Assembly));
builder.Services.AddHealthChecks();

var app = builder.Build();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapHealthChecks("/health", new() { ResponseWriter = HealthResponse.WriteAsync });
app.MapGet("/version", (AppVersion version) => Results.Ok(new { version = version.Informational, configuration = version.Configuration }));
app.MapGet("/api/products", (ProductCatalog catalog) => catalog.All);
app.MapGet("/api/products/{id:int}", (int id, ProductCatalog catalog) =>
    catalog.Find(id) is { } product ? Results.Ok(product) : Results.NotFound());
app.Run();

/// <summary>Visible to the tests' web application factory.</summary>
public partial class Program;
