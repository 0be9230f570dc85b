using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Store;

/// <summary>
/// The health endpoint's body: the status, the version that is running and the processor architecture it runs as
/// (X64, Arm64), so a smoke test can check all three, also of an image for another platform running under emulation.
/// </summary>
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
            architecture = RuntimeInformation.ProcessArchitecture.ToString(),
        }));
    }
}
