using System.Text.Json;

namespace Keel.Incremental;

/// <summary>
/// What the last success of each target (or unit of work) read and wrote, one file each under
/// <c>.nuke/temp/up-to-date</c>. Written only after a success and atomically (a new file moved over the old); a file
/// that cannot be read, or that another clone wrote, means "run".
/// </summary>
internal sealed class UpToDateState(BuildLayout layout)
{
    private const int Format = 1;

    internal sealed record Entry(int Format, string Root, string Inputs, string Outputs, DateTimeOffset Succeeded);

    private AbsolutePath Directory => layout.TemporaryDirectory / "up-to-date";

    public Entry? Read(string key)
    {
        var file = FileOf(key);
        try
        {
            if (!file.FileExists())
                return null;
            var entry = JsonSerializer.Deserialize<Entry>(File.ReadAllText(file));
            return entry is not null && entry.Format == Format && entry.Root == layout.RootDirectory.Value && entry.Inputs.Length > 0 ? entry : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Records a success; when the folder cannot take it (a full disk), nothing half-written stays and one line says why.</summary>
    public void Write(string key, string inputs, string outputs, DateTimeOffset succeeded)
    {
        var file = FileOf(key);
        var temporary = file + $".{Environment.ProcessId}.new";
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(temporary, JsonSerializer.Serialize(new Entry(Format, layout.RootDirectory.Value, inputs, outputs, succeeded)));
            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Delete(temporary);
            throw new BuildException($"The success of {key} could not be recorded in {Directory} ({TemporaryFolderError.Reason(e)}): {TemporaryFolderError.Fix(e)} and run again.");
        }
    }

    private static void Delete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing was written where nothing can be deleted.
        }
    }

    public void Forget(string key)
    {
        var file = FileOf(key);
        if (file.FileExists())
            File.Delete(file);
    }

    private AbsolutePath FileOf(string key) =>
        Directory / (string.Concat(key.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')) + ".json");
}
