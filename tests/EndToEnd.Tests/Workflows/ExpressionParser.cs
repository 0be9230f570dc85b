using System.Globalization;
using System.Text;

namespace EndToEnd.Tests.Workflows;

/// <summary>
/// GitHub's expression grammar: literals (null, true, false, numbers, 'strings' with '' for a quote), contexts with
/// property and index access, function calls, ! and the binary operators with GitHub's precedence
/// (comparisons, then equality, then &amp;&amp;, then ||), and parentheses.
/// </summary>
public static class ExpressionParser
{
    public static ExpressionNode Parse(string text)
    {
        var tokens = Tokenize(text);
        var position = 0;
        var node = Or(tokens, ref position, text);
        if (position != tokens.Count)
            throw new WorkflowException($"Unexpected '{tokens[position]}' in the expression '{text}'.");
        return node;
    }

    private static ExpressionNode Or(List<string> tokens, ref int position, string text)
    {
        var left = And(tokens, ref position, text);
        while (Peek(tokens, position) == "||")
        {
            position++;
            left = new ExpressionNode.Binary("||", left, And(tokens, ref position, text));
        }

        return left;
    }

    private static ExpressionNode And(List<string> tokens, ref int position, string text)
    {
        var left = Equality(tokens, ref position, text);
        while (Peek(tokens, position) == "&&")
        {
            position++;
            left = new ExpressionNode.Binary("&&", left, Equality(tokens, ref position, text));
        }

        return left;
    }

    private static ExpressionNode Equality(List<string> tokens, ref int position, string text)
    {
        var left = Comparison(tokens, ref position, text);
        while (Peek(tokens, position) is "==" or "!=")
        {
            var op = tokens[position++];
            left = new ExpressionNode.Binary(op, left, Comparison(tokens, ref position, text));
        }

        return left;
    }

    private static ExpressionNode Comparison(List<string> tokens, ref int position, string text)
    {
        var left = Unary(tokens, ref position, text);
        while (Peek(tokens, position) is "<" or "<=" or ">" or ">=")
        {
            var op = tokens[position++];
            left = new ExpressionNode.Binary(op, left, Unary(tokens, ref position, text));
        }

        return left;
    }

    private static ExpressionNode Unary(List<string> tokens, ref int position, string text)
    {
        if (Peek(tokens, position) == "!")
        {
            position++;
            return new ExpressionNode.Not(Unary(tokens, ref position, text));
        }

        return Postfix(tokens, ref position, text);
    }

    private static ExpressionNode Postfix(List<string> tokens, ref int position, string text)
    {
        var node = Primary(tokens, ref position, text);
        while (true)
        {
            if (Peek(tokens, position) == ".")
            {
                position++;
                var name = Take(tokens, ref position, text);
                node = name == "*" ? new ExpressionNode.Index(node, null) : IsName(name)
                    ? new ExpressionNode.Index(node, new ExpressionNode.Literal(name))
                    : throw new WorkflowException($"Expected a property name after '.' in the expression '{text}', found '{name}'.");
            }
            else if (Peek(tokens, position) == "[")
            {
                position++;
                var key = Peek(tokens, position) == "*" ? null : Or(tokens, ref position, text);
                if (key is null)
                    position++;
                Expect(tokens, ref position, "]", text);
                node = new ExpressionNode.Index(node, key);
            }
            else
            {
                return node;
            }
        }
    }

    private static ExpressionNode Primary(List<string> tokens, ref int position, string text)
    {
        var token = Take(tokens, ref position, text);
        if (token == "(")
        {
            var inner = Or(tokens, ref position, text);
            Expect(tokens, ref position, ")", text);
            return inner;
        }

        if (token.StartsWith('\''))
            return new ExpressionNode.Literal(token[1..^1].Replace("''", "'", StringComparison.Ordinal));
        if (token is "true" or "false")
            return new ExpressionNode.Literal(token == "true");
        if (token == "null")
            return new ExpressionNode.Literal(null);
        if (char.IsAsciiDigit(token[0]) || (token[0] is '-' or '+' or '.' && token.Length > 1))
            return new ExpressionNode.Literal(ParseNumber(token, text));
        if (!IsName(token))
            throw new WorkflowException($"Unexpected '{token}' in the expression '{text}'.");
        if (Peek(tokens, position) != "(")
            return new ExpressionNode.Named(token);
        position++;
        var arguments = new List<ExpressionNode>();
        if (Peek(tokens, position) != ")")
        {
            arguments.Add(Or(tokens, ref position, text));
            while (Peek(tokens, position) == ",")
            {
                position++;
                arguments.Add(Or(tokens, ref position, text));
            }
        }

        Expect(tokens, ref position, ")", text);
        return new ExpressionNode.Call(token, arguments);
    }

    private static double ParseNumber(string token, string text)
    {
        if (token.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && long.TryParse(token[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
            return hex;
        return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new WorkflowException($"'{token}' is not a number, in the expression '{text}'.");
    }

    private static bool IsName(string token) => token.Length > 0 && (char.IsAsciiLetter(token[0]) || token[0] == '_') && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static string? Peek(List<string> tokens, int position) => position < tokens.Count ? tokens[position] : null;

    private static string Take(List<string> tokens, ref int position, string text) =>
        position < tokens.Count ? tokens[position++] : throw new WorkflowException($"The expression '{text}' ends too early.");

    private static void Expect(List<string> tokens, ref int position, string expected, string text)
    {
        if (Peek(tokens, position) != expected)
            throw new WorkflowException($"Expected '{expected}' in the expression '{text}'{(position < tokens.Count ? $", found '{tokens[position]}'" : " at its end")}.");
        position++;
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '\'')
            {
                var literal = new StringBuilder("'");
                i++;
                while (true)
                {
                    if (i >= text.Length)
                        throw new WorkflowException($"A string is not closed in the expression '{text}'.");
                    if (text[i] == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                    {
                        literal.Append("''");
                        i += 2;
                    }
                    else if (text[i] == '\'')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        literal.Append(text[i++]);
                    }
                }

                tokens.Add(literal.Append('\'').ToString());
            }
            else if (i + 1 < text.Length && text.Substring(i, 2) is "==" or "!=" or "<=" or ">=" or "&&" or "||")
            {
                tokens.Add(text.Substring(i, 2));
                i += 2;
            }
            else if ("()[],.!<>*".Contains(c, StringComparison.Ordinal) && !(c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && (tokens.Count == 0 || !IsName(tokens[^1]) && tokens[^1] is not ")" and not "]")))
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '+' or '.')
            {
                var start = i;
                var number = char.IsAsciiDigit(c) || c is '-' or '+' or '.';
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '-' || (number && text[i] is '.' or '+')))
                    i++;
                if (i == start)
                    i++;
                tokens.Add(text[start..i]);
            }
            else
            {
                throw new WorkflowException($"Unexpected '{c}' in the expression '{text}'.");
            }
        }

        return tokens;
    }
}
