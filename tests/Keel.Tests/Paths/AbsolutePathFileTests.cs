using System.IO.Compression;
using System.Text;
using Keel.Tests.Support;

namespace Keel.Tests.Paths;

/// <summary>NUKE's file API on AbsolutePath (read, write, copy, move, zip, JSON), on real folders.</summary>
public class AbsolutePathFileTests : IDisposable
{
    private readonly TempDirectory temp = new(nuke: false);

    private AbsolutePath Root => AbsolutePath.Create(temp.Path);

    public void Dispose() => temp.Dispose();

    [Fact]
    public void WriteAllTextCreatesTheFolderAndWritesTheTextAsGivenInUtf8WithoutABom()
    {
        var file = Root / "out/deep/notes.txt";

        var written = file.WriteAllText("größe\nno trailing break");

        Assert.Equal(file, written);
        Assert.Equal(Encoding.UTF8.GetBytes("größe\nno trailing break"), File.ReadAllBytes(file));
        Assert.Equal("größe\nno trailing break", file.ReadAllText());
    }

    [Fact]
    public void WriteAllTextReplacesAnExistingFile()
    {
        var file = (Root / "a.txt").WriteAllText("a much longer first text");

        file.WriteAllText("short");

        Assert.Equal("short", file.ReadAllText());
    }

    [Fact]
    public void WriteAllLinesEndsEveryLineAndReadAllLinesGivesThemBack()
    {
        var file = Root / "out/lines.txt";

        file.WriteAllLines(["één", "two"]);

        var bytes = File.ReadAllBytes(file);
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal($"één{Environment.NewLine}two{Environment.NewLine}", Encoding.UTF8.GetString(bytes));
        Assert.Equal(["één", "two"], file.ReadAllLines());
    }

    [Fact]
    public void WriteAllBytesCreatesTheFolderAndReadAllBytesGivesThemBack()
    {
        var file = Root / "bin/data.bin";

        file.WriteAllBytes([0, 1, 0xEF, 0xBB, 0xBF, 255]);

        Assert.Equal([0, 1, 0xEF, 0xBB, 0xBF, 255], file.ReadAllBytes());
    }

    [Fact]
    public void ReadAllTextHonoursAByteOrderMarkAnotherToolWrote()
    {
        var file = Root / "bom.txt";
        File.WriteAllText(file, "text", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.Equal("text", file.ReadAllText());
    }

    [Theory]
    [InlineData("missing.txt", "does not exist")]
    [InlineData("folder", "is a folder, not a file")]
    public void ReadingWhatIsNoFileIsOneLineNamingThePath(string name, string expected)
    {
        (Root / "folder").CreateDirectory();
        var path = Root / name;

        foreach (var read in new Action[] { () => path.ReadAllText(), () => path.ReadAllLines(), () => path.ReadAllBytes(), () => path.ReadJson<Dictionary<string, int>>() })
        {
            var error = Assert.Throws<BuildException>(read);
            Assert.Contains($"'{path}' {expected}", error.Message);
            Assert.DoesNotContain('\n', error.Message);
        }
    }

    [Theory]
    [InlineData("file.txt", true, false, true)]
    [InlineData("folder", false, true, true)]
    [InlineData("missing", false, false, false)]
    public void ExistsIsTrueForAFileOrAFolder(string name, bool file, bool directory, bool exists)
    {
        (Root / "file.txt").WriteAllText("x");
        (Root / "folder").CreateDirectory();
        var path = Root / name;

        Assert.Equal((file, directory, exists), (path.FileExists(), path.DirectoryExists(), path.Exists()));
    }

    /// <summary>
    /// Copy and Move share one policy: a folder merges into an existing one; an existing file is an error unless
    /// overwrite is set, and an error leaves everything as it was.
    /// </summary>
    [Theory]
    [InlineData("Copy", "file", "missing", false, "copied")]
    [InlineData("Copy", "file", "same file", false, "refused")]
    [InlineData("Copy", "file", "same file", true, "copied")]
    [InlineData("Copy", "folder", "missing", false, "copied")]
    [InlineData("Copy", "folder", "other file", false, "merged")]
    [InlineData("Copy", "folder", "same file", false, "refused")]
    [InlineData("Copy", "folder", "same file", true, "merged")]
    [InlineData("Move", "file", "missing", false, "copied")]
    [InlineData("Move", "file", "same file", false, "refused")]
    [InlineData("Move", "file", "same file", true, "copied")]
    [InlineData("Move", "folder", "missing", false, "copied")]
    [InlineData("Move", "folder", "other file", false, "merged")]
    [InlineData("Move", "folder", "same file", false, "refused")]
    [InlineData("Move", "folder", "same file", true, "merged")]
    public void CopyAndMoveMergeFoldersAndReplaceFilesOnlyWhenAsked(string verb, string source, string target, bool overwrite, string outcome)
    {
        var from = Root / "from";
        var to = Root / "to/nested";
        if (source == "file")
        {
            from = (Root / "from.txt").WriteAllText("new");
            if (target == "same file")
                to.WriteAllText("old");
        }
        else
        {
            (from / "app/app.dll").WriteAllText("new");
            (from / ".hidden").WriteAllText("hidden");
            (from / "empty").CreateDirectory();
            if (target == "same file")
                (to / "app/app.dll").WriteAllText("old");
            if (target == "other file")
                (to / "keep.txt").WriteAllText("kept");
        }

        Func<AbsolutePath> transfer = verb == "Copy" ? () => from.Copy(to, overwrite) : () => from.Move(to, overwrite);

        if (outcome == "refused")
        {
            var error = Assert.Throws<BuildException>(() => transfer());
            Assert.Contains("overwrite: true", error.Message);
            Assert.True(from.Exists());
            Assert.Equal("old", (source == "file" ? to : to / "app/app.dll").ReadAllText());
            if (source == "folder")
                Assert.False((to / ".hidden").Exists());
            return;
        }

        Assert.Equal(to, transfer());
        Assert.Equal(verb == "Copy", from.Exists());
        if (source == "file")
        {
            Assert.Equal("new", to.ReadAllText());
            return;
        }

        Assert.Equal("new", (to / "app/app.dll").ReadAllText());
        Assert.Equal("hidden", (to / ".hidden").ReadAllText());
        Assert.True((to / "empty").DirectoryExists());
        Assert.Equal(outcome == "merged" && target == "other file", (to / "keep.txt").FileExists());
    }

    [Theory]
    [InlineData("Copy")]
    [InlineData("Move")]
    public void CopyAndMoveRefuseWhatCannotWork(string verb)
    {
        var folder = Root / "folder";
        (folder / "a.txt").WriteAllText("a");
        Func<AbsolutePath, AbsolutePath, AbsolutePath> transfer = verb == "Copy" ? (s, t) => s.Copy(t) : (s, t) => s.Move(t);

        Assert.Contains("does not exist", Assert.Throws<BuildException>(() => transfer(Root / "missing", Root / "x")).Message);
        Assert.Contains("its own subfolder", Assert.Throws<BuildException>(() => transfer(folder, folder / "inner")).Message);
        Assert.Contains("onto itself", Assert.Throws<BuildException>(() => transfer(folder, folder)).Message);
        Assert.Equal(["a.txt"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void ZipToWritesRelativeEntriesInOrderAndUnZipToGivesTheFilesBack()
    {
        var site = Root / "site";
        (site / "index.html").WriteAllText("<html/>");
        (site / "css/site.css").WriteAllText("body{}");
        (site / "obj/cache.bin").WriteAllBytes([1, 2, 3]);
        var archive = Root / "artifacts/site.zip";

        site.ZipTo(archive, file => !file.RelativeTo(site).StartsWith("obj/", StringComparison.Ordinal));

        using (var zip = ZipFile.OpenRead(archive))
            Assert.Equal(["css/site.css", "index.html"], zip.Entries.Select(e => e.FullName));
        var unpacked = Root / "unpacked";
        (unpacked / "index.html").WriteAllText("stale");
        Assert.Equal(unpacked, archive.UnZipTo(unpacked));
        Assert.Equal("<html/>", (unpacked / "index.html").ReadAllText());
        Assert.Equal("body{}", (unpacked / "css/site.css").ReadAllText());
        Assert.False((unpacked / "obj").Exists());
    }

    [Fact]
    public void ZipToRefusesToReplaceAnArchiveUnlessTheFileModeSaysSo()
    {
        var site = Root / "site";
        (site / "a.txt").WriteAllText("a");
        var archive = (Root / "site.zip").WriteAllText("not a zip");

        var error = Assert.Throws<BuildException>(() => site.ZipTo(archive));
        Assert.Contains($"Cannot zip to '{archive}': it exists", error.Message);
        Assert.Equal("not a zip", archive.ReadAllText());

        site.ZipTo(archive, fileMode: FileMode.Create);
        using var zip = ZipFile.OpenRead(archive);
        Assert.Equal(["a.txt"], zip.Entries.Select(e => e.FullName));
    }

    [Fact]
    public void ZipToAnArchiveInsideTheFolderLeavesTheArchiveOut()
    {
        var site = Root / "site";
        (site / "a.txt").WriteAllText("a");

        site.ZipTo(site / "site.zip");

        using var zip = ZipFile.OpenRead(site / "site.zip");
        Assert.Equal(["a.txt"], zip.Entries.Select(e => e.FullName));
    }

    private sealed record Manifest(string Name, int Version, string[] Tags);

    [Fact]
    public void WriteJsonWritesIndentedUtf8WithoutABomAndReadJsonReadsItBack()
    {
        var file = Root / "out/manifest.json";

        file.WriteJson(new Manifest("störe", 3, ["web"]));

        var bytes = File.ReadAllBytes(file);
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal("{\n  \"Name\": \"st\\u00F6re\",\n  \"Version\": 3,\n  \"Tags\": [\n    \"web\"\n  ]\n}\n", Encoding.UTF8.GetString(bytes).Replace("\r\n", "\n"));
        var read = file.ReadJson<Manifest>();
        Assert.Equal(("störe", 3, "web"), (read.Name, read.Version, Assert.Single(read.Tags)));
    }

    [Fact]
    public void ReadJsonMatchesNamesRegardlessOfCase()
    {
        var file = (Root / "m.json").WriteAllText("""{ "name": "app", "VERSION": 2, "tags": [] }""");

        Assert.Equal(("app", 2), (file.ReadJson<Manifest>().Name, file.ReadJson<Manifest>().Version));
    }

    [Theory]
    [InlineData("{ \"Version\": \"three\" }", "is not a valid Manifest in JSON")]
    [InlineData("null", "holds null, not a Manifest")]
    public void ReadJsonOfAWrongFileIsOneErrorNamingIt(string content, string expected)
    {
        var file = (Root / "m.json").WriteAllText(content);

        var error = Assert.Throws<BuildException>(() => file.ReadJson<Manifest>());

        Assert.StartsWith($"'{file}' {expected}", error.Message);
    }
}
