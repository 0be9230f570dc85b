using System.Runtime.InteropServices;

// A web app with ASP.NET Core's own defaults: where nothing says otherwise (ASPNETCORE_HTTP_PORTS, ASPNETCORE_URLS),
// it listens on http://localhost:5000 and logs so. The variables below make it misbehave the ways a smoke test meets.

// An app whose start fails: one line on standard error, then the exit code TEST_APP_EXIT gives.
if (Environment.GetEnvironmentVariable("TEST_APP_EXIT") is { Length: > 0 } exitCode)
{
    Console.Error.WriteLine($"Unhandled exception. System.InvalidOperationException: the app cannot start (TEST_APP_EXIT={exitCode}).");
    return int.Parse(exitCode);
}

var builder = WebApplication.CreateBuilder(args);
// What the template's appsettings.json says: ASP.NET Core's own information (each request) stays out of the log.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
var app = builder.Build();

// GET / answers with the status TEST_APP_STATUS gives (200 when unset), and logs a line for an error status. Until one
// answer has been given, each takes TEST_APP_FIRST_ANSWER_SECONDS (0 when unset), as an app's first answers do under
// emulation: a request given up on is work lost, and the next one starts over.
var status = int.Parse(Environment.GetEnvironmentVariable("TEST_APP_STATUS") ?? "200");
var firstAnswer = TimeSpan.FromSeconds(int.Parse(Environment.GetEnvironmentVariable("TEST_APP_FIRST_ANSWER_SECONDS") ?? "0"));
var warm = false;
app.MapGet("/", async (ILogger<Program> log, HttpContext context) =>
{
    if (!warm)
    {
        await Task.Delay(firstAnswer, context.RequestAborted);
        warm = true;
    }

    if (status >= 500)
        log.LogError("GET / failed: the database is not reachable (TEST_APP_STATUS={Status}).", status);
    return Results.Text("Hello from the test web app.", statusCode: status);
});

// GET /health reports the version TEST_APP_VERSION gives and the process's architecture, as the Store app does.
app.MapGet("/health", () => Results.Json(new
{
    status = "healthy",
    version = Environment.GetEnvironmentVariable("TEST_APP_VERSION") ?? "0.0.0",
    architecture = RuntimeInformation.ProcessArchitecture.ToString(),
}));

app.Run();
return 0;
