using System.Text;

namespace Keel.Parameters;

/// <summary>Pure naming policy: member names to command-line and environment names, and loose matching.</summary>
internal static class ParameterNames
{
    /// <summary>Product names written as one word, so GitHubApp is --github-app and GITHUB_APP.</summary>
    private static readonly string[] Compounds = ["GitHub", "GitVersion", "GitLab", "NuGet", "OAuth", "DevOps"];

    /// <summary><c>ImageName</c> -> <c>image-name</c>; <c>GitHubToken</c> -> <c>github-token</c>.</summary>
    public static string Kebab(string name) => string.Join('-', Words(name)).ToLowerInvariant();

    /// <summary>PackageName -> --package-name.</summary>
    public static string CommandLine(string name) => "--" + Kebab(name);

    /// <summary><c>ImageName</c> -> <c>IMAGE_NAME</c>; <c>GitHubToken</c> -> <c>GITHUB_TOKEN</c>.</summary>
    public static string Environment(string name) => string.Join('_', Words(name)).ToUpperInvariant();

    /// <summary>Letters and digits only, lowercased: how command-line, environment and file names are compared.</summary>
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
                builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>Splits PascalCase, camelCase, kebab-case and snake_case into words; acronyms stay together (HTTPServer -> HTTP, Server).</summary>
    public static IReadOnlyList<string> Words(string name)
    {
        var words = new List<string>();
        var i = 0;
        while (i < name.Length)
        {
            if (!char.IsLetterOrDigit(name[i]))
            {
                i++;
                continue;
            }

            var compound = Compounds.FirstOrDefault(c => string.CompareOrdinal(name, i, c, 0, c.Length) == 0 &&
                (i + c.Length == name.Length || !char.IsLower(name[i + c.Length])));
            if (compound is not null)
            {
                words.Add(compound);
                i += compound.Length;
                continue;
            }

            var start = i++;
            if (char.IsUpper(name[start]) && i < name.Length && char.IsUpper(name[i]))
            {
                while (i < name.Length && char.IsUpper(name[i]) && !(i + 1 < name.Length && char.IsLower(name[i + 1])))
                    i++;
            }
            else
            {
                while (i < name.Length && (char.IsLower(name[i]) || char.IsDigit(name[i])))
                    i++;
            }

            words.Add(name[start..i]);
        }

        return words;
    }
}
