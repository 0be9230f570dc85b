using System.Collections;

namespace Keel.Hosts;

/// <summary>This process's environment variables as a dictionary, keyed as the operating system compares names.</summary>
internal static class ProcessEnvironment
{
    public static Dictionary<string, string> Read()
    {
        var variables = System.Environment.GetEnvironmentVariables();
        var environment = new Dictionary<string, string>(variables.Count, OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        // A plain loop: LINQ over DictionaryEntry, a value type, would be compiled at start-up on every run.
        foreach (DictionaryEntry variable in variables)
            environment[(string)variable.Key] = (string?)variable.Value ?? "";
        return environment;
    }
}
