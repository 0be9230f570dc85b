using System.Text;

namespace Keel;

/// <summary>
/// NUKE's file API on <see cref="AbsolutePath"/>, with the same names and shapes (<c>path.WriteAllText(text)</c>,
/// <c>source.Copy(target)</c>, <c>folder.ZipTo(archive)</c>, <c>file.ReadJson&lt;T&gt;()</c>). Extension methods, as
/// NUKE's are, so the path itself stays a small value and these read as what a build does with it.
/// </summary>
public static partial class AbsolutePathExtensions
{
    /// <summary>UTF-8 without a byte-order mark: what tools, diffs and Linux expect of a generated file.</summary>
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The whole file as text (UTF-8 unless <paramref name="encoding"/> says otherwise; a byte-order mark is honoured).</summary>
    public static string ReadAllText(this AbsolutePath path, Encoding? encoding = null) =>
        File.ReadAllText(ExistingFile(path), encoding ?? Utf8);

    /// <summary>The file's lines, without their line breaks.</summary>
    public static string[] ReadAllLines(this AbsolutePath path, Encoding? encoding = null) =>
        File.ReadAllLines(ExistingFile(path), encoding ?? Utf8);

    public static byte[] ReadAllBytes(this AbsolutePath path) => File.ReadAllBytes(ExistingFile(path));

    /// <summary>
    /// Writes the text as given (UTF-8 without a byte-order mark unless <paramref name="encoding"/> says otherwise),
    /// creating the parent folder first; an existing file is replaced.
    /// </summary>
    public static AbsolutePath WriteAllText(this AbsolutePath path, string content, Encoding? encoding = null)
    {
        path.Parent.CreateDirectory();
        File.WriteAllText(path, content, encoding ?? Utf8);
        return path;
    }

    /// <summary>Writes each line followed by a line break (UTF-8 without a byte-order mark), creating the parent folder first.</summary>
    public static AbsolutePath WriteAllLines(this AbsolutePath path, IEnumerable<string> lines, Encoding? encoding = null)
    {
        path.Parent.CreateDirectory();
        File.WriteAllLines(path, lines, encoding ?? Utf8);
        return path;
    }

    /// <summary>Writes the bytes, creating the parent folder first; an existing file is replaced.</summary>
    public static AbsolutePath WriteAllBytes(this AbsolutePath path, byte[] bytes)
    {
        path.Parent.CreateDirectory();
        File.WriteAllBytes(path, bytes);
        return path;
    }

    // A missing file is the build author's to fix, so it is one line naming the file rather than a stack trace.
    private static string ExistingFile(AbsolutePath path) =>
        path.FileExists()
            ? path.Value
            : throw new BuildException(path.DirectoryExists()
                ? $"'{path}' is a folder, not a file; read a file inside it."
                : $"'{path}' does not exist; write it first or check the path.");
}
