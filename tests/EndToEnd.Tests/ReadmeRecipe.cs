using System.Text.RegularExpressions;

namespace EndToEnd.Tests;

/// <summary>
/// The files of the README's "Use Keel in your own repository", as written there: each code block that follows an
/// HTML comment naming its file (<c>&lt;!-- file: build/Build.cs --&gt;</c>), or a variant of one
/// (<c>&lt;!-- file: build/Build.cs, publishing on the host --&gt;</c>).
/// </summary>
public static partial class ReadmeRecipe
{
    public const string Section = "## Use Keel in your own repository";

    /// <summary>Every block of the section: (file, variant or null, text).</summary>
    public static IReadOnlyList<(string File, string? Variant, string Text)> Blocks()
    {
        var readme = File.ReadAllText(Path.Combine(ThrowawayRepository.SourceRoot, "README.md"));
        var start = readme.IndexOf(Section, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no section '{Section}'.");
        var end = readme.IndexOf("\n## ", start + Section.Length, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        return [.. Block().Matches(section).Select(m => (m.Groups["file"].Value.Trim(), m.Groups["variant"].Success ? m.Groups["variant"].Value.Trim() : null, m.Groups["text"].Value))];
    }

    /// <summary>The files for one way of building the image: the blocks without a variant, with the variant's blocks in their place.</summary>
    public static IReadOnlyDictionary<string, string> Files(string? variant = null)
    {
        var blocks = Blocks();
        var files = blocks.Where(b => b.Variant is null).ToDictionary(b => b.File, b => b.Text);
        if (variant is not null)
        {
            var own = blocks.Where(b => b.Variant == variant).ToList();
            Assert.True(own.Count > 0, $"The README's recipe has no block for '{variant}'.");
            foreach (var block in own)
                files[block.File] = block.Text;
        }

        return files;
    }

    /// <summary>Writes the files into a repository.</summary>
    public static void WriteInto(ThrowawayRepository repository, IReadOnlyDictionary<string, string> files)
    {
        foreach (var (file, text) in files)
            repository.Write(file, text);
    }

    [GeneratedRegex(@"<!-- file: (?<file>[^,>]+?)(?:, (?<variant>[^>]+?))? -->\s*\n```[a-z]*\n(?<text>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Block();
}
