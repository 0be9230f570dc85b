namespace Keel.Tests.Support;

/// <summary>Where the repository and the test program are, found from this test assembly's location.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The test program (tests/Keel.TestProgram), copied next to the tests by the project reference.</summary>
    public static string TestProgram { get; } = Path.Combine(AppContext.BaseDirectory, "Keel.TestProgram.dll");

    /// <summary>The test program's app host: an executable that can stand in for a tool.</summary>
    public static string TestProgramHost { get; } = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "Keel.TestProgram.exe" : "Keel.TestProgram");

    public static string DotNet { get; } = Environment.GetEnvironmentVariable("DOTNET_EXE") is { Length: > 0 } configured
        ? configured
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private static string FindRoot()
    {
        for (var directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "global.json")) && Directory.Exists(Path.Combine(directory, ".nuke")))
                return directory;
        }

        throw new InvalidOperationException("The tests run outside the repository.");
    }
}
