using System.IO.Compression;

namespace Keel;

public static partial class AbsolutePathExtensions
{
    /// <summary>
    /// Zips the files under this folder (those <paramref name="filter"/> keeps) into <paramref name="archiveFile"/>,
    /// creating its parent folder; entries are relative, with forward slashes, in ordinal order. By default an
    /// existing archive is an error (<see cref="FileMode.CreateNew"/>); <see cref="FileMode.Create"/> replaces it.
    /// </summary>
    public static AbsolutePath ZipTo(
        this AbsolutePath directory,
        AbsolutePath archiveFile,
        Func<AbsolutePath, bool>? filter = null,
        CompressionLevel compressionLevel = CompressionLevel.Optimal,
        FileMode fileMode = FileMode.CreateNew)
    {
        if (!directory.DirectoryExists())
            throw new BuildException($"Cannot zip '{directory}': it is not a folder.");
        if (fileMode == FileMode.CreateNew && archiveFile.FileExists())
            throw new BuildException($"Cannot zip to '{archiveFile}': it exists; delete it first or pass fileMode: FileMode.Create.");

        // Listed before the archive is opened, so an archive written inside the folder does not zip itself.
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(file => AbsolutePath.Create(file))
            .Where(file => !file.Equals(archiveFile))
            .Where(file => filter?.Invoke(file) ?? true)
            .ToList();

        archiveFile.Parent.CreateDirectory();
        using var stream = File.Open(archiveFile, fileMode, FileAccess.ReadWrite);
        stream.SetLength(0);
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create);
        foreach (var file in files)
            archive.CreateEntryFromFile(file, file.RelativeTo(directory), compressionLevel);
        return archiveFile;
    }

    /// <summary>
    /// Extracts the archive into <paramref name="directory"/>, creating it; files already there are replaced. Entries
    /// that would land outside the folder are refused.
    /// </summary>
    public static AbsolutePath UnZipTo(this AbsolutePath archiveFile, AbsolutePath directory)
    {
        ZipFile.ExtractToDirectory(ExistingFile(archiveFile), directory.CreateDirectory(), overwriteFiles: true);
        return directory;
    }
}
