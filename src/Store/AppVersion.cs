using System.Reflection;

namespace Store;

/// <summary>The version the build stamped into the app (GitVersion's informational version) and the configuration it was compiled in.</summary>
public sealed record AppVersion(string Informational, string Configuration)
{
    public static AppVersion FromAssembly(Assembly assembly) =>
        new(assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
            assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown");
}
