using Store;
using Store.Catalog;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorPages();
builder.Services.AddSingleton<ProductCatalog>();
builder.Services.AddSingleton(AppVersion.FromAssembly(typeof(Program).Assembly));
builder.Services.AddHealthChecks();

var app = builder.Build();
app.UseStaticFiles();
app.MapRazorPages();
app.MapHealthChecks("/health", new() { ResponseWriter = HealthResponse.WriteAsync });
app.MapGet("/version", (AppVersion version) => Results.Ok(new { version = version.Informational, configuration = version.Configuration }));
app.MapGet("/api/products", (ProductCatalog catalog) => catalog.All);
app.MapGet("/api/products/{id:int}", (int id, ProductCatalog catalog) =>
    catalog.Find(id) is { } product ? Results.Ok(product) : Results.NotFound());
app.Run();

/// <summary>Visible to the tests' web application factory.</summary>
public partial class Program;
