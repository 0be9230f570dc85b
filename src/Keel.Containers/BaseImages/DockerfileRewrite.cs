namespace Keel.Containers;

/// <summary>
/// Pure: the Dockerfile with some images named by their local name instead (the images of another platform, which the
/// engine keeps under their name with the platform appended), line for line, so that the builder's messages still
/// point at the user's lines. Only the image operands change: a FROM's image, a COPY's or RUN --mount's from=.
/// </summary>
internal static class DockerfileRewrite
{
    public static string Apply(Dockerfile dockerfile, IReadOnlyList<(DockerfileImage Image, string Local)> replacements)
    {
        var lines = dockerfile.Lines.ToArray();
        foreach (var (image, local) in replacements)
        {
            var source = dockerfile.Stages[image.Stage].Sources.First(s => s.Line == image.Line && s.Image == image.Reference);
            var index = image.Line - 1;
            // The instruction may go on over continuation lines: the operand is on one of them.
            for (var i = index; i < lines.Length; i++)
            {
                var replaced = image.IsFrom ? ReplaceFromImage(lines[i], source.Written, local, first: i == index) : lines[i].Replace($"from={source.Written}", $"from={local}", StringComparison.OrdinalIgnoreCase);
                if (replaced != lines[i])
                {
                    lines[i] = replaced;
                    break;
                }
            }
        }

        return string.Join('\n', lines);
    }

    /// <summary>Replaces the first operand that is not a flag (nor the FROM keyword) when it is the image as written.</summary>
    private static string ReplaceFromImage(string line, string written, string local, bool first)
    {
        var position = 0;
        var skippedKeyword = !first;
        while (position < line.Length)
        {
            while (position < line.Length && char.IsWhiteSpace(line[position]))
                position++;
            var end = position;
            while (end < line.Length && !char.IsWhiteSpace(line[end]))
                end++;
            if (end == position)
                break;
            var word = line[position..end];
            if (!skippedKeyword)
                skippedKeyword = true;
            else if (!word.StartsWith("--", StringComparison.Ordinal) && word != "\\" && word != "`")
                return word == written ? line[..position] + local + line[end..] : line;
            position = end;
        }

        return line;
    }
}
