using System.Runtime.CompilerServices;

namespace Keel.Tests.Support;

/// <summary>
/// Compares generated text with its approved copy in tests/Keel.Tests/Snapshots. On any difference the new text is
/// written beside it as NAME.received.* for review, and the test fails.
/// </summary>
public static class Snapshot
{
    public static void Match(string actual, string name, [CallerFilePath] string caller = "")
    {
        var directory = Path.Combine(FindProjectDirectory(caller), "Snapshots");
        var extension = Path.GetExtension(name);
        var stem = Path.GetFileNameWithoutExtension(name);
        var approved = Path.Combine(directory, $"{stem}.approved{extension}");
        var received = Path.Combine(directory, $"{stem}.received{extension}");
        if (File.Exists(approved) && File.ReadAllText(approved).ReplaceLineEndings("\n") == actual.ReplaceLineEndings("\n"))
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(File.Exists(approved)
            ? $"{name} differs from its approved copy; review {received} and copy it over {approved} if it is right."
            : $"{name} has no approved copy yet; review {received} and rename it to {approved}.");
    }

    private static string FindProjectDirectory(string caller)
    {
        for (var directory = Path.GetDirectoryName(caller); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "Keel.Tests.csproj")))
                return directory;
        }

        throw new InvalidOperationException($"No Keel.Tests.csproj above {caller}.");
    }
}
