namespace EndToEnd.Tests.Workflows;

/// <summary>The expression language as GitHub evaluates it, one named row per rule.</summary>
public sealed class ExpressionTests
{
    private static ExpressionScope Scope(string status = "success") => new(new OrderedMap(
    [
        ("github", new OrderedMap([("event_name", "push"), ("ref", "refs/tags/v1.2.0"), ("ref_name", "v1.2.0"), ("sha", "0123456789abcdef0123456789abcdef01234567"),
            ("repository", "Acme-Corp/store"), ("event", new OrderedMap([("pull_request", new OrderedMap([("number", 7.0)]))]))])),
        ("env", new OrderedMap([("REGISTRY", "ghcr.io"), ("EMPTY", "")])),
        ("matrix", new OrderedMap([("platform", "linux/arm64"), ("os", new List<object?> { "ubuntu-latest", "ubuntu-24.04-arm" })])),
        ("steps", new OrderedMap([("build", new OrderedMap([("outputs", new OrderedMap([("digest", "sha256:abc"), ("image", "ghcr.io/acme-corp/store")])), ("outcome", "success")]))])),
        ("needs", new OrderedMap([("image-linux-amd64", new OrderedMap([("result", "success"), ("outputs", new OrderedMap([("digest", "sha256:111")]))]))])),
        ("runner", new OrderedMap([("os", "Linux"), ("arch", "ARM64")])),
        ("secrets", new OrderedMap([("GITHUB_TOKEN", "ghs_x")])),
        ("inputs", new OrderedMap([("dry-run", true)])),
    ]), status);

    [Theory]
    [InlineData("a string literal with an escaped quote", "'it''s'", "it's")]
    [InlineData("a context property", "github.event_name", "push")]
    [InlineData("index syntax", "github['ref_name']", "v1.2.0")]
    [InlineData("a missing property is empty", "steps.build.outputs.nothing", "")]
    [InlineData("a step output under a wrong step id is empty", "steps.push.outputs.digest", "")]
    [InlineData("a step output", "steps.build.outputs.digest", "sha256:abc")]
    [InlineData("a job output through needs", "needs.image-linux-amd64.outputs.digest", "sha256:111")]
    [InlineData("a need that is not declared is empty", "needs.image-linux-arm64.outputs.digest", "")]
    [InlineData("the event payload", "github.event.pull_request.number", "7")]
    [InlineData("equality of strings ignores case", "github.event_name == 'PUSH'", "true")]
    [InlineData("inequality", "github.event_name != 'pull_request'", "true")]
    [InlineData("a number and a numeric string are equal", "github.event.pull_request.number == '7'", "true")]
    [InlineData("null equals null", "env.NOTHING == null", "true")]
    [InlineData("an empty string equals null (both are 0 as numbers)", "env.EMPTY == null", "true")]
    [InlineData("a word is not null", "env.REGISTRY == null", "false")]
    [InlineData("&& gives its right side when the left is truthy", "env.REGISTRY && 'yes'", "yes")]
    [InlineData("&& gives a falsy left side", "env.EMPTY && 'yes'", "")]
    [InlineData("|| gives the first truthy side", "env.EMPTY || 'fallback'", "fallback")]
    [InlineData("! of an empty string", "!env.EMPTY", "true")]
    [InlineData("parentheses group", "!(github.event_name == 'push' && runner.os == 'Linux')", "false")]
    [InlineData("&& binds tighter than ||", "true || false && false", "true")]
    [InlineData("contains in a string ignores case", "contains(github.ref, 'TAGS')", "true")]
    [InlineData("contains in an array", "contains(matrix.os, 'ubuntu-24.04-arm')", "true")]
    [InlineData("startsWith", "startsWith(github.ref, 'refs/tags/v')", "true")]
    [InlineData("endsWith", "endsWith(matrix.platform, 'arm64')", "true")]
    [InlineData("format", "format('{0}-{1}-{{x}}', runner.os, runner.arch)", "Linux-ARM64-{x}")]
    [InlineData("join", "join(matrix.os, ' ')", "ubuntu-latest ubuntu-24.04-arm")]
    [InlineData("fromJSON of a list", "fromJSON('[\"a\",\"b\"]')[1]", "b")]
    [InlineData("comparison of numbers", "github.event.pull_request.number > 6", "true")]
    [InlineData("a boolean input", "inputs.dry-run", "true")]
    [InlineData("a secret", "secrets.GITHUB_TOKEN", "ghs_x")]
    [InlineData("a star filter", "contains(needs.*.result, 'success')", "true")]
    public void AnExpressionEvaluatesAsOnGitHub(string rule, string expression, string expected)
    {
        Assert.True(expected == ExpressionValues.ToText(ExpressionEvaluator.Evaluate(expression, Scope())), rule);
    }

    [Theory]
    [InlineData("no if: runs after success", null, "success", true)]
    [InlineData("no if: does not run after a failure", null, "failure", false)]
    [InlineData("a condition without a status function means success() && it", "github.event_name == 'push'", "failure", false)]
    [InlineData("always() runs after a failure", "always()", "failure", true)]
    [InlineData("failure() runs after a failure", "failure()", "failure", true)]
    [InlineData("failure() does not run after success", "failure()", "success", false)]
    [InlineData("success() does not run when cancelled", "success()", "cancelled", false)]
    [InlineData("cancelled() runs when cancelled", "cancelled()", "cancelled", true)]
    [InlineData("a status function inside a condition", "${{ always() && github.event_name == 'push' }}", "failure", true)]
    [InlineData("!cancelled() runs after a failure", "!cancelled()", "failure", true)]
    [InlineData("a wrapped condition", "${{ github.event_name == 'pull_request' }}", "success", false)]
    public void AnIfHoldsAsOnGitHub(string rule, string? condition, string status, bool expected)
    {
        Assert.True(expected == Interpolation.Condition(condition, Scope(status)), rule);
    }

    [Fact]
    public void ExpressionsAreExpandedInsideText()
    {
        Assert.Equal("ghcr.io/store@sha256:abc on Linux, '}}' kept",
            Interpolation.Expand("${{ env.REGISTRY }}/store@${{ steps.build.outputs.digest }} on ${{ runner.os }}, ${{ '''}}''' }} kept", Scope()));
    }

    [Theory]
    [InlineData("an unknown context", "nothing.here", "Unrecognized named-value: 'nothing'")]
    [InlineData("an unknown function", "toUpper('a')", "Unrecognized function: 'toUpper'")]
    [InlineData("an unclosed string", "'open", "A string is not closed")]
    [InlineData("a dangling operator", "github.ref ==", "ends too early")]
    public void AnExpressionGitHubWouldRejectFailsNamingWhy(string rule, string expression, string message)
    {
        var error = Assert.Throws<WorkflowException>(() => ExpressionEvaluator.Evaluate(expression, Scope()));
        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), $"{rule}: {error.Message}");
    }
}
