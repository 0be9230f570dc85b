namespace Keel.Extensions;

/// <summary>Writes generated files only when their content changes, so timestamps and editors stay quiet.</summary>
internal static class GeneratedFile
{
    /// <summary>Returns true when the file was created or changed.</summary>
    public static bool Write(string path, string content)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content)
            return false;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // A file of this process's own: a --help (which takes no lock) may write the same file at the same time.
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
        return true;
    }
}
