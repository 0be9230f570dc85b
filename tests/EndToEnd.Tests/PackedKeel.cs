using System.Text.RegularExpressions;

namespace EndToEnd.Tests;

/// <summary>
/// This repository's packages, packed once for all the consumer tests: ./build.sh Pack in a throwaway copy at keel/ of
/// a workspace folder, where the consumer repositories sit beside it, as the README's recipe has them
/// (../keel/artifacts/packages).
/// </summary>
public sealed class PackedKeel : IDisposable
{
    public PackedKeel()
    {
        Workspace = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "keel-e2e", "consumers-" + Guid.NewGuid().ToString("N")[..10])).FullName;
        Engine = ThrowawayRepository.Whole(Path.Combine(Workspace, "keel"));
        // Pack builds every package in Release itself; the Debug compile of the whole solution in front of it would only
        // cost time here.
        Pack = BuildRun.Start(Engine, new Dictionary<string, string>(), "Restore", "Pack", "--skip", "Compile");
        Folder = Path.Combine(Engine.Path, "artifacts", "packages");
        var packed = Directory.Exists(Folder) ? Directory.GetFiles(Folder, "Keel.Components.*.nupkg").Select(Path.GetFileName).OfType<string>().ToList() : [];
        Version = packed.Count == 1 ? Regex.Match(packed[0], @"^Keel\.Components\.(.+)\.nupkg$").Groups[1].Value : "";
    }

    /// <summary>The folder that holds keel/ and the consumer repositories.</summary>
    public string Workspace { get; }

    public ThrowawayRepository Engine { get; }

    public BuildRun Pack { get; }

    /// <summary>artifacts/packages of the packed copy.</summary>
    public string Folder { get; }

    /// <summary>The packages' version, as Pack named them; empty when Pack made none.</summary>
    public string Version { get; }

    /// <summary>Fails the test that needs the packages when Pack did not make them, with Pack's output.</summary>
    public void AssertPacked() => Assert.True(Pack.ExitCode == 0 && Version.Length > 0, Pack.Output);

    /// <summary>A new, empty repository in the workspace, beside keel/.</summary>
    public ThrowawayRepository NewRepository(string name) => ThrowawayRepository.Empty(Path.Combine(Workspace, name));

    public void Dispose()
    {
        Engine.Dispose();
        try
        {
            // The consumers' outputs may belong to root inside containers; remove what can be removed.
            Directory.Delete(Workspace, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
