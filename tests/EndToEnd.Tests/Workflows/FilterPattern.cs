using System.Text;
using System.Text.RegularExpressions;

namespace EndToEnd.Tests.Workflows;

/// <summary>
/// GitHub's filter patterns for branches and tags: * matches anything but /, ** anything, ? makes the character before
/// it optional, + repeats it, [a-z] is a set, and a pattern that starts with ! takes matches out again; patterns apply
/// in order, so a later one wins.
/// </summary>
public static class FilterPattern
{
    public static bool Matches(string pattern, string name) => new Regex("^" + Translate(pattern) + "$", RegexOptions.CultureInvariant).IsMatch(name);

    /// <summary>Whether a name passes a list of patterns: included by a pattern, and not excluded by a later !pattern.</summary>
    public static bool Passes(IEnumerable<string> patterns, string name)
    {
        var included = false;
        foreach (var pattern in patterns)
        {
            if (pattern.StartsWith('!'))
            {
                if (included && Matches(pattern[1..], name))
                    included = false;
            }
            else if (!included && Matches(pattern, name))
            {
                included = true;
            }
        }

        return included;
    }

    private static string Translate(string pattern)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                regex.Append(".*");
                i++;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c is '?' or '+')
            {
                regex.Append(c);
            }
            else if (c == '[' && pattern.IndexOf(']', i + 1) is var end && end > i + 1)
            {
                regex.Append('[').Append(Regex.Escape(pattern[(i + 1)..end]).Replace("\\-", "-", StringComparison.Ordinal)).Append(']');
                i = end;
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return regex.ToString();
    }
}
