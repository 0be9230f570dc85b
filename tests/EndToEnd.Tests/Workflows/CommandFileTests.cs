namespace EndToEnd.Tests.Workflows;

/// <summary>$GITHUB_OUTPUT and $GITHUB_ENV read as the runner reads them.</summary>
public sealed class CommandFileTests
{
    private static string Read(string text) => string.Join(" | ", CommandFile.Parse(text, "GITHUB_OUTPUT").Select(p => $"{p.Key}:{p.Value.Replace("\n", "\\n", StringComparison.Ordinal)}"));

    [Theory]
    [InlineData("name=value lines", "image=ghcr.io/acme-corp/store\ndigest=sha256:abc\n", "image:ghcr.io/acme-corp/store | digest:sha256:abc")]
    [InlineData("the first = splits; the value keeps the rest", "tags=a=b\n", "tags:a=b")]
    [InlineData("an empty value", "empty=\n", "empty:")]
    [InlineData("empty lines are skipped", "\na=1\n\n", "a:1")]
    [InlineData("a heredoc over several lines", "tags<<EOF\n1.2.0\nlatest\nEOF\nnext=1\n", "tags:1.2.0\\nlatest | next:1")]
    [InlineData("a heredoc whose delimiter is random", "notes<<ghadelimiter_5e2b\nline = with << inside\nghadelimiter_5e2b\n", "notes:line = with << inside")]
    [InlineData("an = before << makes it name=value", "a=b<<c\n", "a:b<<c")]
    [InlineData("a later value of a name wins where it is read (both are kept)", "a=1\na=2\n", "a:1 | a:2")]
    [InlineData("Windows line ends", "a=1\r\nb=2\r\n", "a:1 | b:2")]
    public void OutputsAreReadInBothForms(string rule, string text, string expected) => Assert.True(expected == Read(text), $"{rule}: {Read(text)}");

    [Theory]
    [InlineData("a line that is neither form", "just text\n", "invalid format 'just text'")]
    [InlineData("a heredoc without its delimiter", "tags<<EOF\n1.2.0\n", "matching delimiter not found 'EOF'")]
    [InlineData("no name", "=value\n", "invalid format '=value'")]
    public void AMalformedFileFailsTheStepNamingTheLine(string rule, string text, string message)
    {
        var error = Assert.Throws<WorkflowException>(() => CommandFile.Parse(text, "GITHUB_OUTPUT"));
        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{rule}: {error.Message}");
    }
}
