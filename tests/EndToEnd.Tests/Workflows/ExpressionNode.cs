namespace EndToEnd.Tests.Workflows;

/// <summary>A parsed <c>${{ }}</c> expression, GitHub's expression syntax.</summary>
public abstract record ExpressionNode
{
    public sealed record Literal(object? Value) : ExpressionNode;

    /// <summary>A context by name: github, env, matrix, steps, needs, ...</summary>
    public sealed record Named(string Name) : ExpressionNode;

    /// <summary><c>a.b</c> and <c>a['b']</c>, <c>a[0]</c>; <c>a.*</c> when the index is null.</summary>
    public sealed record Index(ExpressionNode Target, ExpressionNode? Key) : ExpressionNode;

    public sealed record Call(string Function, IReadOnlyList<ExpressionNode> Arguments) : ExpressionNode;

    public sealed record Not(ExpressionNode Operand) : ExpressionNode;

    /// <summary>==, !=, &lt;, &lt;=, &gt;, &gt;=, &amp;&amp;, ||.</summary>
    public sealed record Binary(string Operator, ExpressionNode Left, ExpressionNode Right) : ExpressionNode;

    /// <summary>Whether the expression calls success(), failure(), cancelled() or always() anywhere.</summary>
    public bool ChecksStatus() => this switch
    {
        Call call => call.Function.ToLowerInvariant() is "success" or "failure" or "cancelled" or "always" || call.Arguments.Any(a => a.ChecksStatus()),
        Index index => index.Target.ChecksStatus() || index.Key?.ChecksStatus() == true,
        Not not => not.Operand.ChecksStatus(),
        Binary binary => binary.Left.ChecksStatus() || binary.Right.ChecksStatus(),
        _ => false,
    };
}
