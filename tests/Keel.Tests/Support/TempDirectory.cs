namespace Keel.Tests.Support;

/// <summary>A fresh folder for one test, with a .nuke folder so it is a build root; deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(bool nuke = true)
    {
        // Straight under the temp folder, with the user's own permissions: no shared parent another user may own.
        Path = Directory.CreateTempSubdirectory("keel-tests-").FullName;
        if (nuke)
            Directory.CreateDirectory(System.IO.Path.Combine(Path, ".nuke"));
    }

    public string Path { get; }

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    public string Write(string relative, string content)
    {
        var file = File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        System.IO.File.WriteAllText(file, content);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process a test started may still hold a file for a moment; the temp folder is cleaned eventually.
        }
    }
}
