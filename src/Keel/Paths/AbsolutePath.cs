namespace Keel;

/// <summary>A rooted, normalized file-system path; <c>/</c> appends a relative part: <c>RootDirectory / "src"</c>.</summary>
public sealed class AbsolutePath : IEquatable<AbsolutePath>
{
    private AbsolutePath(string path) => Value = path;

    public string Value { get; }

    public string Name => System.IO.Path.GetFileName(Value);

    public AbsolutePath Parent => new(System.IO.Path.GetDirectoryName(Value) ?? Value);

    /// <summary>Makes an absolute path; a relative one is resolved against <paramref name="baseDirectory"/>.</summary>
    public static AbsolutePath Create(string path, string? baseDirectory = null)
    {
        if (!System.IO.Path.IsPathRooted(path))
        {
            if (baseDirectory is null)
                throw new ArgumentException($"'{path}' is not an absolute path.", nameof(path));
            path = System.IO.Path.Combine(baseDirectory, path);
        }

        var full = System.IO.Path.GetFullPath(path);
        var root = System.IO.Path.GetPathRoot(full);
        return new AbsolutePath(full.Length > (root?.Length ?? 0) ? full.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar) : full);
    }

    public static AbsolutePath operator /(AbsolutePath left, string right) => Create(right, left.Value);

    public static implicit operator string(AbsolutePath path) => path.Value;

    /// <summary>Appends text to the last part of the path: <c>(RootDirectory / "site") + ".zip"</c> is <c>site.zip</c>.</summary>
    public static AbsolutePath operator +(AbsolutePath left, string right) => Create(left.Value + right);

    /// <summary>Files under this folder matching the globs (<c>**/*.nupkg</c>; <c>*</c> within a name, <c>**</c> across folders), in ordinal order.</summary>
    public IReadOnlyList<AbsolutePath> GlobFiles(params string[] patterns) =>
        [.. Incremental.FileSet.Matching(this, patterns, directories: false).Select(relative => this / relative)];

    /// <summary>Folders under this folder matching the globs (<c>src/*/bin</c>), in ordinal order.</summary>
    public IReadOnlyList<AbsolutePath> GlobDirectories(params string[] patterns) =>
        [.. Incremental.FileSet.Matching(this, patterns, directories: true).Select(relative => this / relative)];

    /// <summary>Creates the folder (and its parents) when it does not exist.</summary>
    public AbsolutePath CreateDirectory()
    {
        Directory.CreateDirectory(Value);
        return this;
    }

    /// <summary>An empty folder: created when missing, emptied when it has content.</summary>
    public AbsolutePath CreateOrCleanDirectory()
    {
        DeleteDirectory();
        return CreateDirectory();
    }

    /// <summary>Deletes the folder and everything in it; nothing happens when it does not exist.</summary>
    public void DeleteDirectory()
    {
        if (Directory.Exists(Value))
            Directory.Delete(Value, recursive: true);
    }

    /// <summary>Deletes the file; nothing happens when it does not exist.</summary>
    public void DeleteFile()
    {
        if (File.Exists(Value))
            File.Delete(Value);
    }

    public bool FileExists() => File.Exists(Value);

    public bool DirectoryExists() => Directory.Exists(Value);

    /// <summary>Whether a file or a folder is at this path.</summary>
    public bool Exists() => FileExists() || DirectoryExists();

    /// <summary>This path relative to <paramref name="baseDirectory"/>, with forward slashes.</summary>
    public string RelativeTo(AbsolutePath baseDirectory) =>
        System.IO.Path.GetRelativePath(baseDirectory.Value, Value).Replace('\\', '/');

    public bool Equals(AbsolutePath? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as AbsolutePath);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;
}
