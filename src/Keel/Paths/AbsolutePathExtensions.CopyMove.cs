namespace Keel;

public static partial class AbsolutePathExtensions
{
    /// <summary>
    /// Copies the file or folder (with everything in it) to <paramref name="target"/>, creating its parent folders,
    /// and returns <paramref name="target"/>. A folder is merged into an existing one. An existing file stops the copy
    /// before anything is written unless <paramref name="overwrite"/> is set.
    /// </summary>
    public static AbsolutePath Copy(this AbsolutePath source, AbsolutePath target, bool overwrite = false)
    {
        var pairs = Transfers(source, target, overwrite, "copy");
        if (pairs.Count == 0)
            target.CreateDirectory();
        foreach (var (from, to) in pairs)
        {
            to.Parent.CreateDirectory();
            File.Copy(from, to, overwrite);
        }

        foreach (var folder in EmptyFolders(source))
            (target / folder).CreateDirectory();
        return target;
    }

    /// <summary>
    /// Moves the file or folder to <paramref name="target"/>, creating its parent folders, and returns
    /// <paramref name="target"/>. A folder is merged into an existing one. An existing file stops the move before
    /// anything is moved unless <paramref name="overwrite"/> is set.
    /// </summary>
    public static AbsolutePath Move(this AbsolutePath source, AbsolutePath target, bool overwrite = false)
    {
        var pairs = Transfers(source, target, overwrite, "move");
        var emptyFolders = EmptyFolders(source);
        if (source.FileExists())
        {
            target.Parent.CreateDirectory();
            File.Move(source, target, overwrite);
            return target;
        }

        if (!target.Exists())
        {
            target.Parent.CreateDirectory();
            Directory.Move(source, target);
            return target;
        }

        foreach (var (from, to) in pairs)
        {
            to.Parent.CreateDirectory();
            File.Move(from, to, overwrite);
        }

        foreach (var folder in emptyFolders)
            (target / folder).CreateDirectory();
        source.DeleteDirectory();
        return target;
    }

    /// <summary>Each file to transfer with where it goes, checked whole before anything is touched.</summary>
    private static List<(AbsolutePath From, AbsolutePath To)> Transfers(AbsolutePath source, AbsolutePath target, bool overwrite, string verb)
    {
        if (source.Equals(target))
            throw new BuildException($"Cannot {verb} '{source}' onto itself; name another target.");
        if (source.FileExists())
        {
            if (target.DirectoryExists())
                throw new BuildException($"Cannot {verb} '{source}' to '{target}': that is a folder; name the file inside it.");
            if (target.FileExists() && !overwrite)
                throw new BuildException($"Cannot {verb} '{source}': '{target}' exists; delete it or pass overwrite: true.");
            return [(source, target)];
        }

        if (!source.DirectoryExists())
            throw new BuildException($"Cannot {verb} '{source}': it does not exist.");
        if (target.FileExists())
            throw new BuildException($"Cannot {verb} folder '{source}' to '{target}': that is a file.");
        if (target.Value.StartsWith(source.Value + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new BuildException($"Cannot {verb} '{source}' into its own subfolder '{target}'; choose a target outside it.");

        var pairs = Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(file => AbsolutePath.Create(file))
            .Select(file => (From: file, To: target / file.RelativeTo(source)))
            .ToList();
        var taken = pairs.FirstOrDefault(pair => pair.To.DirectoryExists() || (!overwrite && pair.To.FileExists()));
        if (taken.To is not null)
            throw new BuildException(taken.To.DirectoryExists()
                ? $"Cannot {verb} '{taken.From}' to '{taken.To}': that is a folder."
                : $"Cannot {verb} '{source}': '{taken.To}' exists; delete it or pass overwrite: true.");
        return pairs;
    }

    /// <summary>Folders with nothing in them, which a file-by-file transfer would otherwise leave behind.</summary>
    private static List<string> EmptyFolders(AbsolutePath folder) =>
        folder.DirectoryExists()
            ? [.. Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories)
                .Where(d => !Directory.EnumerateFileSystemEntries(d).Any())
                .Select(d => AbsolutePath.Create(d).RelativeTo(folder))]
            : [];
}
