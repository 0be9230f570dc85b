namespace Keel.Tooling;

/// <summary>Typed <c>dotnet</c> commands: <c>DotNet.Build(s => s.SetProject(Solution).SetConfiguration(Configuration))</c>.</summary>
public sealed class DotNetTool(ProcessRunner runner, ToolResolver resolver, string workingDirectory)
{
    private string? _sdkVersion;

    /// <summary>The version of the SDK that <c>dotnet</c> runs here (global.json decides), asked once per run.</summary>
    public string SdkVersion => _sdkVersion ??= runner.Run(new ToolInvocation(resolver.Resolve("dotnet"), ["--version"])
    {
        WorkingDirectory = workingDirectory,
        LogOutput = false,
    }).StandardOutput.Trim();

    public ProcessResult Restore(Configure<DotNetRestoreSettings>? configure = null) => Run(Apply(configure));

    public ProcessResult Build(Configure<DotNetBuildSettings>? configure = null) => Run(Apply(configure));

    public ProcessResult Test(Configure<DotNetTestSettings>? configure = null) => Run(Apply(configure));

    public ProcessResult Publish(Configure<DotNetPublishSettings>? configure = null) => Run(Apply(configure));

    public ProcessResult Pack(Configure<DotNetPackSettings>? configure = null) => Run(Apply(configure));

    /// <summary>Pushes a package; the API key travels in the environment, never in the arguments.</summary>
    public ProcessResult NuGetPush(Configure<DotNetNuGetPushSettings>? configure = null)
    {
        var settings = Apply(configure);
        return Run([.. settings.ToArguments()], settings.ApiKey is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["NUGET_API_KEY"] = settings.ApiKey });
    }

    public ProcessResult ToolRestore(Configure<DotNetToolRestoreSettings>? configure = null) => Run(Apply(configure));

    public ProcessResult Clean(Configure<DotNetCleanSettings>? configure = null) => Run(Apply(configure));

    public ProcessResult Run(DotNetSettings settings) => Run([.. settings.ToArguments()]);

    /// <summary>Any other <c>dotnet</c> command, as an argument list.</summary>
    public ProcessResult Run(params string[] arguments) => Run(arguments, new Dictionary<string, string?>());

    private ProcessResult Run(string[] arguments, IReadOnlyDictionary<string, string?> environment) => runner.Run(new ToolInvocation(resolver.Resolve("dotnet"), arguments)
    {
        WorkingDirectory = workingDirectory,
        Environment = new Dictionary<string, string?>(environment) { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
    });

    private static T Apply<T>(Configure<T>? configure) where T : DotNetSettings, new() => configure is null ? new T() : configure(new T());
}
