using Keel.Tooling;
using System.Text.RegularExpressions;
using Serilog;

namespace Keel.Containers;

/// <summary>
/// Typed docker commands over the process runner. Credentials live in <see cref="ConfigDirectory"/> (a
/// DOCKER_CONFIG the build owns, see <see cref="WithConfig"/>), never in the user's ~/.docker, and passwords go in
/// on standard input. Pushes and logins have a time limit, so a registry that hangs cannot hang the build.
/// </summary>
public sealed partial class DockerTool(ProcessRunner runner, ToolResolver tools, string workingDirectory, ILogger log)
{
    /// <summary>How long one push or login may take before it is stopped, unless the caller says otherwise.</summary>
    public static readonly TimeSpan DefaultRegistryCallLimit = TimeSpan.FromMinutes(10);

    private (string Executable, DockerBuilder Builder)? _builder;
    private string? _enginePlatform;

    /// <summary>The DOCKER_CONFIG for login, push and logout; null: docker's default.</summary>
    public string? ConfigDirectory { get; private init; }

    /// <summary>The same tool with its credentials in <paramref name="directory"/>.</summary>
    public DockerTool WithConfig(string directory) => new(runner, tools, workingDirectory, log)
    {
        ConfigDirectory = directory,
        _builder = _builder,
        _enginePlatform = _enginePlatform,
    };

    public string Executable => tools.Resolve("docker");

    /// <summary>
    /// buildx when a docker client on the PATH has the plugin; BuildKit through DOCKER_BUILDKIT with a client before 23
    /// (another one than <see cref="Executable"/> where that one cannot); else the classic builder. BuildKit only where
    /// the engine runs it.
    /// </summary>
    public DockerBuilder Builder => (_builder ??= DetectBuilder()).Builder;

    /// <summary>The client builds run through (<see cref="Builder"/>).</summary>
    internal string BuildExecutable => (_builder ??= DetectBuilder()).Executable;

    /// <summary>
    /// The engine's own platform, os/arch (linux/amd64): what it runs without emulation. Asked of a running engine
    /// (<see cref="ContainerImages.EnsureEngine"/>); while none answers this fails in one line, and nothing is kept.
    /// </summary>
    public string EnginePlatform => TryEnginePlatform()
        ?? throw new BuildException("No Docker engine answers, so its platform is not known; start the engine (or let the build start it) and run again.");

    /// <summary>The engine's platform, or null while no engine answers; only an answer is kept, so an engine started later is asked again.</summary>
    internal string? TryEnginePlatform()
    {
        if (_enginePlatform is not null)
            return _enginePlatform;
        var answer = Query("version", "--format", "{{.Server.Os}}/{{.Server.Arch}}");
        return answer.ExitCode == 0 && answer.StandardOutput.Trim() is { Length: > 0 } platform ? _enginePlatform = platform : null;
    }

    /// <summary>Builds an image and returns its id.</summary>
    public string Build(DockerBuildSettings settings)
    {
        var idFile = Path.Combine(Path.GetTempPath(), $"keel-iid-{Guid.NewGuid():N}");
        try
        {
            var (arguments, environment) = DockerBuildCommand.For(settings, Builder, idFile);
            runner.Run(new ToolInvocation(BuildExecutable, arguments)
            {
                WorkingDirectory = workingDirectory,
                Environment = ConfigDirectory is null ? environment : new Dictionary<string, string?>(environment) { ["DOCKER_CONFIG"] = ConfigDirectory },
            });
            return File.Exists(idFile) ? File.ReadAllText(idFile).Trim() : "";
        }
        finally
        {
            File.Delete(idFile);
        }
    }

    /// <summary>Logs in with the password on standard input, never in the arguments.</summary>
    public void Login(string registry, string username, string password, TimeSpan? limit = null) =>
        runner.Run(Invocation(["login", registry, "--username", username, "--password-stdin"]) with { StandardInput = password, Timeout = limit ?? DefaultRegistryCallLimit });

    /// <summary>Pushes one reference and returns the digest the registry reported; stopped after <paramref name="limit"/>.</summary>
    public string Push(string reference, TimeSpan? limit = null)
    {
        var result = runner.Run(Invocation(["push", reference]) with { Timeout = limit ?? DefaultRegistryCallLimit });
        var digest = Digest().Match(result.StandardOutput + "\n" + result.StandardError);
        return digest.Success
            ? digest.Groups[1].Value
            : throw new BuildException($"'docker push {reference}' did not report a digest; the registry may not have stored the image.");
    }

    /// <summary>Pulls an image; the result says whether it worked. A registry that hangs stops it after <paramref name="limit"/>.</summary>
    /// <param name="image">The image.</param>
    /// <param name="platform">Which platform's image of a multi-platform one; null: the engine's own.</param>
    /// <param name="limit">How long the pull may take.</param>
    public ProcessResult Pull(string image, string? platform = null, TimeSpan? limit = null) =>
        runner.Run(Invocation(platform is null ? ["pull", image] : ["pull", "--platform", platform, image]) with { CheckExitCode = false, LogOutput = false, Timeout = limit ?? DefaultRegistryCallLimit });

    public void Logout(string registry) => Cleanup("logout", registry);

    /// <summary>A docker command that cleans up (logout, removing a container): it runs even after Ctrl-C, and its failure is returned, not thrown.</summary>
    public ProcessResult Cleanup(params string[] arguments) => runner.Run(Invocation(arguments) with { CheckExitCode = false, LogOutput = false, IsCleanup = true });

    /// <summary>The id of a local image, or null when there is none (or no engine answers).</summary>
    public string? ImageId(string reference) =>
        Query("image", "inspect", "--format", "{{.Id}}", reference) is { ExitCode: 0 } found ? found.StandardOutput.Trim() : null;

    public bool ImageExists(string reference) =>
        runner.Run(Invocation(["image", "inspect", "--format", "{{.Id}}", reference]) with { CheckExitCode = false, LogOutput = false }).ExitCode == 0;

    /// <summary>Any docker command, as an argument list.</summary>
    public ProcessResult Run(params string[] arguments) => runner.Run(Invocation(arguments));

    /// <summary>A docker command whose output is a value, not a log (inspect, version): logged at debug level only.</summary>
    public ProcessResult Query(params string[] arguments) => runner.Run(Invocation(arguments) with { LogOutput = false, CheckExitCode = false });

    private ToolInvocation Invocation(string[] arguments) => new(Executable, arguments)
    {
        WorkingDirectory = workingDirectory,
        Environment = ConfigDirectory is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["DOCKER_CONFIG"] = ConfigDirectory },
    };

    private (string, DockerBuilder) DetectBuilder()
    {
        var engine = Query("version", "--format", "{{.Server.Version}} {{.Server.Os}}").StandardOutput.Trim().Split(' ');
        var clients = tools.Candidates("docker").Select(path => new DockerClient(path,
            runner.Run(new ToolInvocation(path, ["version", "--format", "{{.Client.Version}}"]) { WorkingDirectory = workingDirectory, LogOutput = false, CheckExitCode = false }).StandardOutput.Trim().Split('\n')[0],
            runner.Run(new ToolInvocation(path, ["buildx", "version"]) { WorkingDirectory = workingDirectory, LogOutput = false, CheckExitCode = false }).ExitCode == 0)).ToList();
        if (clients.Count == 0)
            clients.Add(new DockerClient(Executable, "", false));
        var (client, builder, reason) = DockerBuilderChoice.Choose(clients, engine[0], engine.Length > 1 ? engine[1] : "");
        log.Debug("Images are built with {Client} ({Version}) and the {Builder} builder: {Reason}", client.Executable, client.Version, builder, reason);
        return (client.Executable, builder);
    }

    [GeneratedRegex(@"digest: (sha256:[0-9a-f]{64})")]
    private static partial Regex Digest();
}
