using System.Reflection;

namespace Store;

/// <summary>The version the build stamped into the app (GitVersion's informational version).</summary>
public sealed record AppVersion(string Informational)
{
    public static AppVersion FromAssembly(Assembly assembly) =>
        new(assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");
}
