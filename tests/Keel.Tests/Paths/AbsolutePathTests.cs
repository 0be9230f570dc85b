using Keel.Tests.Support;

namespace Keel.Tests.Paths;

/// <summary>NUKE's file helpers on AbsolutePath, on real folders.</summary>
public class AbsolutePathTests
{
    private static (TempDirectory Temp, AbsolutePath Root) Tree()
    {
        var temp = new TempDirectory(nuke: false);
        temp.Write("src/App/App.csproj", "");
        temp.Write("src/App/bin/Release/App.1.0.0.nupkg", "");
        temp.Write("src/Lib/bin/Release/Lib.1.0.0.nupkg", "");
        temp.Write("src/Lib/Lib.cs", "");
        temp.Write("README.md", "");
        return (temp, AbsolutePath.Create(temp.Path));
    }

    [Theory]
    [InlineData("**/*.nupkg", "src/App/bin/Release/App.1.0.0.nupkg src/Lib/bin/Release/Lib.1.0.0.nupkg")]
    [InlineData("src/*/*.cs*", "src/App/App.csproj src/Lib/Lib.cs")]
    [InlineData("*.md", "README.md")]
    [InlineData("src/Li?/**", "src/Lib/Lib.cs src/Lib/bin/Release/Lib.1.0.0.nupkg")]
    [InlineData("nothing/**", "")]
    public void GlobFilesFindsWhatThePatternNames(string pattern, string expected)
    {
        var (temp, root) = Tree();
        using var _ = temp;

        var found = root.GlobFiles(pattern).Select(p => p.RelativeTo(root));

        Assert.Equal(expected, string.Join(' ', found));
    }

    [Fact]
    public void GlobDirectoriesFindsFolders()
    {
        var (temp, root) = Tree();
        using var _ = temp;

        Assert.Equal(["src/App/bin", "src/Lib/bin"], root.GlobDirectories("src/*/bin").Select(p => p.RelativeTo(root)));
    }

    [Fact]
    public void CreateOrCleanDirectoryLeavesAnEmptyFolderAndDeleteDirectoryRemovesIt()
    {
        var (temp, root) = Tree();
        using var _ = temp;
        var src = root / "src";

        src.CreateOrCleanDirectory();
        Assert.True(src.DirectoryExists());
        Assert.Empty(Directory.EnumerateFileSystemEntries(src));

        src.DeleteDirectory();
        src.DeleteDirectory();
        Assert.False(src.DirectoryExists());
        (root / "new/deep").CreateOrCleanDirectory();
        Assert.True((root / "new/deep").DirectoryExists());
    }

    [Fact]
    public void PlusAppendsToTheName() =>
        Assert.Equal(Path.Combine(Path.GetTempPath(), "site.zip"), (AbsolutePath.Create(Path.GetTempPath()) / "site" + ".zip").Value);
}
