using Keel.Tests.Support;
using Keel.Versioning;

namespace Keel.Tests.Versioning;

/// <summary>Where [GitVersion] finds GitVersion's program: where restore put it first, then this run's packages folder.</summary>
public class GitVersionPackageTests
{
    /// <summary>A packages folder holding GitVersion.MsBuild in these versions (each with its program).</summary>
    private static string Packages(TempDirectory root, string name, params string[] versions)
    {
        foreach (var version in versions)
            root.Write($"{name}/gitversion.msbuild/{version}/tools/net10.0/gitversion.dll", "");
        return root.File(name);
    }

    public static TheoryData<string?, string[], string?, string?> Cases => new()
    {
        // restored (in "restore/"), versions in the run's packages folder, version asked for, expected (under the temp root)
        { "6.8.2", ["6.9.0"], null, "restore/gitversion.msbuild/6.8.2" },
        { "6.8.2", ["6.9.0"], "6.9.0", "run/gitversion.msbuild/6.9.0" },
        { null, ["6.8.2", "6.10.0", "6.9.0"], null, "run/gitversion.msbuild/6.10.0" },
        { null, ["6.8.2", "6.9.0"], "6.8.2", "run/gitversion.msbuild/6.8.2" },
        { null, ["6.9.0"], "6.8.2", null },
        { null, [], null, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheFolderRestoreUsedComesFirstThenTheNewestInThisRunsPackagesFolder(string? restored, string[] inRun, string? asked, string? expected)
    {
        using var root = new TempDirectory();
        var restoredFolder = restored is null ? null : System.IO.Path.Combine(Packages(root, "restore", restored), "gitversion.msbuild", restored);
        var run = Packages(root, "run", inRun);

        var found = GitVersionPackage.Find(restoredFolder, run, asked);

        Assert.Equal(expected is null ? null : root.File($"{expected}/tools/net10.0/gitversion.dll"), found);
    }

    [Fact]
    public void AFolderStampedIntoTheBuildThatIsGoneSinceFallsBackToThisRunsPackages()
    {
        using var root = new TempDirectory();
        var run = Packages(root, "run", "6.8.2");

        var found = GitVersionPackage.Find(root.File("moved-away/gitversion.msbuild/6.8.2"), run, null);

        Assert.Equal(root.File("run/gitversion.msbuild/6.8.2/tools/net10.0/gitversion.dll"), found);
    }

    [Theory]
    [InlineData(null, "GitVersion is not restored in /p; restore the build project ('dotnet restore build/_build.csproj'), which brings GitVersion.MsBuild 6.8.2 with the Keel package, and run the build again.")]
    [InlineData("6.8.2", "GitVersion is not restored in /p; restore the build project ('dotnet restore build/_build.csproj'), which brings GitVersion.MsBuild 6.8.2 with the Keel package, and run the build again.")]
    [InlineData("6.9.0", "GitVersion 6.9.0 is not restored in /p; add <PackageDownload Include=\"GitVersion.MsBuild\" Version=\"[6.9.0]\" /> to build/_build.csproj and run the build again.")]
    public void AMissingProgramIsOneLineWithTheFix(string? version, string expected) =>
        Assert.Equal(expected, GitVersionPackage.Missing("/p", version, "build/_build.csproj"));
}
