namespace EndToEnd.Tests;

/// <summary>The engine's image store is shared between runs on one machine: a test registry's images go with it.</summary>
public static class LocalImages
{
    public static void RemoveUnder(string registryAddress)
    {
        var references = Shell.Check("docker", "images", "--format", "{{.Repository}}:{{.Tag}}")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(reference => reference.StartsWith(registryAddress + "/", StringComparison.Ordinal))
            .ToList();
        if (references.Count > 0)
            Shell.Run("docker", ["image", "rm", "--force", .. references]);
    }
}
