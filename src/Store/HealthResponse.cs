using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Store;

/// <summary>The health endpoint's body: the status and the version that is running, so a smoke test can check both.</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var version = context.RequestServices.GetRequiredService<AppVersion>();
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            version = version.Informational,
        }));
    }
}
