using Keel.Hosts;
using Keel.Lifecycle;
using Keel.Logging;

namespace Keel.Tests.Support;

/// <summary>Runs a build in this process, in its own folder, with its own console, environment and extensions.</summary>
public static class TestBuild
{
    internal static BuildOutcome Run<T>(string[] args, string? defaultTarget = null, IReadOnlyDictionary<string, string>? environment = null, TempDirectory? root = null, BuildServices? services = null, IReadOnlyList<IBuildExtension>? extensions = null)
        where T : KeelBuild, new()
    {
        using var owned = root is null ? new TempDirectory() : null;
        var directory = root ?? owned!;
        var console = new StringWriter();
        var capture = new SessionCapture();
        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>());
        foreach (var inherited in new[] { "PATH", "HOME", "NUGET_PACKAGES" })
        {
            if (Environment.GetEnvironmentVariable(inherited) is { } value)
                env.TryAdd(inherited, value);
        }
        var host = new BuildHost(
            (services ?? new BuildServices { Environment = env, WorkingDirectory = directory.Path, Console = new BuildConsole(console, Color: false) }) with
            {
                Console = new BuildConsole(console, Color: false),
                WorkingDirectory = directory.Path,
            },
            [capture, .. extensions ?? []]);
        var exit = host.RunAsync(() => new T(), args, defaultTarget).GetAwaiter().GetResult();
        var logFile = directory.File(".nuke/temp/build.log");
        return new BuildOutcome(exit, console.ToString(), capture.Session, File.Exists(logFile) ? File.ReadAllText(logFile) : "");
    }

    private sealed class SessionCapture : IBuildExtension
    {
        // First of all, so that even a build that ends in OnBuildCreated (help, generators) leaves its session.
        public int Order => int.MinValue;

        public BuildSession? Session { get; private set; }

        public int? OnBuildCreated(BuildSession session)
        {
            Session = session;
            return null;
        }
    }
}
