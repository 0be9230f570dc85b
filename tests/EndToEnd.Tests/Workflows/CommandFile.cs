namespace EndToEnd.Tests.Workflows;

/// <summary>
/// The runner's file commands ($GITHUB_OUTPUT, $GITHUB_ENV): one <c>name=value</c> a line, or a value over several
/// lines as <c>name&lt;&lt;DELIMITER</c>, the lines, then the delimiter alone on its line. Read as the runner reads
/// them: the first = or &lt;&lt; decides the form, an empty line is skipped, and a malformed line or a missing
/// delimiter fails the step.
/// </summary>
public static class CommandFile
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string text, string file)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        // The file ends with a newline: the empty piece after it is not a line.
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        for (var i = 0; i < count; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
                continue;
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var heredoc = line.IndexOf("<<", StringComparison.Ordinal);
            if (equals >= 0 && (heredoc < 0 || equals < heredoc))
            {
                var name = line[..equals];
                if (name.Length == 0)
                    throw new WorkflowException($"{file}: invalid format '{line}' (no name before '=').");
                pairs.Add(new(name, line[(equals + 1)..]));
            }
            else if (heredoc > 0)
            {
                var name = line[..heredoc];
                var delimiter = line[(heredoc + 2)..];
                if (delimiter.Length == 0)
                    throw new WorkflowException($"{file}: invalid format '{line}' (no delimiter after '<<').");
                var value = new List<string>();
                i++;
                while (i < count && lines[i] != delimiter)
                    value.Add(lines[i++]);
                if (i >= count)
                    throw new WorkflowException($"{file}: matching delimiter not found '{delimiter}' (for {name}).");
                pairs.Add(new(name, string.Join('\n', value)));
            }
            else
            {
                throw new WorkflowException($"{file}: invalid format '{line}' (neither name=value nor name<<DELIMITER).");
            }
        }

        return pairs;
    }
}
