using Keel.Incremental;
using Keel.Tests.Support;

namespace Keel.Tests.Incremental;

/// <summary>What input and output patterns name, on real files: folders, globs, and patterns that leave things out.</summary>
public class FileSetTests
{
    private static TempDirectory Tree()
    {
        var root = new TempDirectory();
        root.Write("src/App/Cart.cs", "");
        root.Write("src/App/bin/Debug/net10.0/App.dll", "");
        root.Write("src/App/bin/Debug/net10.0/en/App.resources.dll", "");
        root.Write("src/App/bin/Debug/net10.0/linux-x64/App.dll", "");
        root.Write("src/App/bin/Debug/net10.0/linux-arm64/App.dll", "");
        root.Write("src/App/obj/project.assets.json", "");
        return root;
    }

    public static TheoryData<string, string[], string[]> Patterns => new()
    {
        { "a folder: everything under it", ["src/App/bin/Debug"],
            ["src/App/bin/Debug/net10.0/App.dll", "src/App/bin/Debug/net10.0/en/App.resources.dll", "src/App/bin/Debug/net10.0/linux-arm64/App.dll", "src/App/bin/Debug/net10.0/linux-x64/App.dll"] },
        { "a folder less the runtimes' folders a glob names", ["src/App/bin/Debug", "!src/App/bin/Debug/*/linux-x64", "!src/App/bin/Debug/*/linux-arm64"],
            ["src/App/bin/Debug/net10.0/App.dll", "src/App/bin/Debug/net10.0/en/App.resources.dll"] },
        { "a folder less one file", ["src/App/bin/Debug", "!src/App/bin/Debug/net10.0/App.dll"],
            ["src/App/bin/Debug/net10.0/en/App.resources.dll", "src/App/bin/Debug/net10.0/linux-arm64/App.dll", "src/App/bin/Debug/net10.0/linux-x64/App.dll"] },
        { "a glob less a folder, wherever the exclusion is written", ["!src/App/bin", "src/**/*.cs", "**/obj/project.assets.json"],
            ["src/App/Cart.cs", "src/App/obj/project.assets.json"] },
        { "an exclusion that names nothing", ["src/App/Cart.cs", "!src/Other"], ["src/App/Cart.cs"] },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void PatternsNameTheseFiles(string behaviour, string[] patterns, string[] expected)
    {
        using var root = Tree();

        var (files, missing) = FileSet.Expand(AbsolutePath.Create(root.Path), patterns);

        Assert.True(expected.SequenceEqual(files), $"{behaviour}: {string.Join(", ", files)}");
        Assert.Empty(missing);
    }

    [Fact]
    public void APatternWhoseFilesAreAllLeftOutIsNotMissing()
    {
        using var root = Tree();

        var (files, missing) = FileSet.Expand(AbsolutePath.Create(root.Path), ["src/App/Cart.cs", "!src/App"]);

        Assert.Empty(files);
        Assert.Empty(missing);
    }
}
