namespace Keel.Tooling;

/// <summary>The fluent setters NUKE users know: <c>s.SetProject(Solution).SetConfiguration(Configuration)</c>.</summary>
public static class DotNetSettingsExtensions
{
    public static T SetProject<T>(this T settings, string? project) where T : DotNetSettings => (T)(settings with { Project = project });

    public static T SetConfiguration<T>(this T settings, string? configuration) where T : DotNetSettings =>
        (T)(settings with { Configuration = configuration });

    public static T SetVerbosity<T>(this T settings, string? verbosity) where T : DotNetSettings => (T)(settings with { Verbosity = verbosity });

    public static T SetProperty<T>(this T settings, string name, object value) where T : DotNetSettings =>
        (T)(settings with { Properties = new SortedDictionary<string, string>(settings.Properties.ToDictionary(), StringComparer.Ordinal) { [name] = value.ToString()! } });

    public static DotNetBuildSettings EnableNoRestore(this DotNetBuildSettings settings) => settings with { NoRestore = true };

    public static DotNetTestSettings EnableNoRestore(this DotNetTestSettings settings) => settings with { NoRestore = true };

    public static DotNetTestSettings EnableNoBuild(this DotNetTestSettings settings) => settings with { NoBuild = true };

    public static DotNetTestSettings SetFilter(this DotNetTestSettings settings, string? filter) => settings with { Filter = filter };

    public static DotNetTestSettings AddLogger(this DotNetTestSettings settings, string logger) => settings with { Loggers = [.. settings.Loggers, logger] };

    public static DotNetTestSettings SetResultsDirectory(this DotNetTestSettings settings, string? directory) => settings with { ResultsDirectory = directory };

    public static DotNetPublishSettings EnableNoRestore(this DotNetPublishSettings settings) => settings with { NoRestore = true };

    public static DotNetPublishSettings EnableNoBuild(this DotNetPublishSettings settings) => settings with { NoBuild = true };

    public static DotNetPublishSettings SetOutput(this DotNetPublishSettings settings, string? output) => settings with { Output = output };

    public static DotNetPublishSettings SetRuntime(this DotNetPublishSettings settings, string? runtime) => settings with { Runtime = runtime };

    public static DotNetPublishSettings SetSelfContained(this DotNetPublishSettings settings, bool? selfContained) => settings with { SelfContained = selfContained };

    public static DotNetPackSettings EnableNoRestore(this DotNetPackSettings settings) => settings with { NoRestore = true };

    public static DotNetPackSettings EnableNoBuild(this DotNetPackSettings settings) => settings with { NoBuild = true };

    public static DotNetPackSettings SetOutputDirectory(this DotNetPackSettings settings, string? output) => settings with { Output = output };

    public static DotNetPackSettings EnableIncludeSymbols(this DotNetPackSettings settings) => settings with { IncludeSymbols = true };

    public static DotNetNuGetPushSettings SetSource(this DotNetNuGetPushSettings settings, string? source) => settings with { Source = source };

    /// <summary>The API key: a secret, handed to NuGet in its environment, never on the command line.</summary>
    public static DotNetNuGetPushSettings SetApiKey(this DotNetNuGetPushSettings settings, string? apiKey) => settings with { ApiKey = apiKey };

    public static DotNetNuGetPushSettings EnableSkipDuplicate(this DotNetNuGetPushSettings settings) => settings with { SkipDuplicate = true };

    /// <summary>The package to push.</summary>
    public static DotNetNuGetPushSettings SetTargetPath(this DotNetNuGetPushSettings settings, string? package) => settings with { Project = package };
}
