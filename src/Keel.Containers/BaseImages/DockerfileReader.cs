using System.Text;
using System.Text.RegularExpressions;

namespace Keel.Containers;

/// <summary>
/// Pure: reads a Dockerfile's stages the way the builder does: parser directives (a different escape character),
/// comments, line continuations, heredocs, instructions in any case, global <c>ARG NAME=default</c> before the first
/// FROM (the build's arguments win), <c>$VAR</c> and <c>${VAR}</c> (with <c>:-</c>, <c>:+</c>) in FROM, stage names
/// (<c>FROM build AS publish</c> names a stage, not an image), <c>COPY --from</c> and <c>RUN --mount=from=</c>, and
/// <c>scratch</c>.
/// </summary>
internal static partial class DockerfileReader
{
    /// <param name="path">The Dockerfile's path, named in messages.</param>
    /// <param name="text">Its content.</param>
    /// <param name="buildArgs">The build arguments the build passes (<c>--build-arg</c>): they override the global ARGs' defaults.</param>
    /// <param name="platformArgs">The platform arguments the builder defines (<see cref="PlatformArgs"/>).</param>
    public static Dockerfile Read(string path, string text, IReadOnlyDictionary<string, string> buildArgs, IReadOnlyDictionary<string, string> platformArgs)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var escape = '\\';
        var first = 0;
        // Parser directives: only at the very top, until the first line that is not one.
        for (; first < lines.Length; first++)
        {
            var directive = Directive().Match(lines[first]);
            if (!directive.Success)
                break;
            if (directive.Groups[1].Value.Equals("escape", StringComparison.OrdinalIgnoreCase) && directive.Groups[2].Value is ['`'])
                escape = '`';
        }

        var globals = new Dictionary<string, string?>(StringComparer.Ordinal);
        var declared = new List<string>();
        string? Lookup(string name) => globals.TryGetValue(name, out var value) ? value : platformArgs.GetValueOrDefault(name);
        var stages = new List<(int Index, string? Name, int Line, string? Platform, List<(int Line, bool IsFrom, string Written, string Expanded)> Reads)>();

        foreach (var (line, instruction) in Instructions(lines, first, escape))
        {
            var (keyword, rest) = SplitWord(instruction);
            switch (keyword.ToUpperInvariant())
            {
                case "ARG" when stages.Count == 0:
                    foreach (var (name, value) in ArgDeclarations(rest))
                    {
                        declared.Add(name);
                        globals[name] = buildArgs.TryGetValue(name, out var given) ? given : value is null ? null : Expand(value, Lookup, escape);
                    }

                    break;
                case "FROM":
                {
                    var words = Words(rest);
                    var flags = words.TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal)).ToList();
                    var operands = words.Skip(flags.Count).ToList();
                    if (operands.Count == 0)
                        throw new BuildException($"{path}:{line}: FROM names no image; write FROM <image> [AS <name>].");
                    var name = operands.Count >= 3 && operands[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? operands[2].ToLowerInvariant() : null;
                    var platform = flags.Select(f => Flag(f, "platform")).FirstOrDefault(f => f is not null);
                    var image = Expand(operands[0], Lookup, escape);
                    if (image.Length == 0)
                        throw new BuildException($"{path}:{line}: FROM {operands[0]} names no image: {string.Join(", ", Variables(operands[0]))} is empty; pass it as a build argument or give its global ARG a default.");
                    stages.Add((stages.Count, name, line, platform is null ? null : Expand(platform, Lookup, escape), [(line, true, operands[0], image)]));
                    break;
                }

                case "COPY" when stages.Count > 0:
                    foreach (var from in Words(rest).TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal)).Select(w => Flag(w, "from")).OfType<string>())
                        stages[^1].Reads.Add((line, false, from, Expand(from, Lookup, escape)));
                    break;
                case "RUN" when stages.Count > 0:
                    foreach (var mount in Words(rest).TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal)).Select(w => Flag(w, "mount")).OfType<string>())
                    {
                        var from = mount.Split(',').Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Trim() == "from")?[1].Trim();
                        if (from is not null)
                            stages[^1].Reads.Add((line, false, from, Expand(from, Lookup, escape)));
                    }

                    break;
            }
        }

        var names = stages.Where(s => s.Name is not null).GroupBy(s => s.Name!).ToDictionary(g => g.Key, g => g.First().Index, StringComparer.Ordinal);
        return new Dockerfile(path, lines, [.. stages.Select(stage => new DockerfileStage(stage.Index, stage.Name, stage.Line, stage.Platform,
            [.. stage.Reads.Select(read =>
            {
                int? source = names.TryGetValue(read.Expanded.ToLowerInvariant(), out var named) && named != stage.Index ? named
                    : !read.IsFrom && int.TryParse(read.Expanded, out var index) && index >= 0 && index < stages.Count ? index
                    : null;
                var image = source is null && !read.Expanded.Equals("scratch", StringComparison.OrdinalIgnoreCase) ? read.Expanded : null;
                return new StageSource(read.Line, read.IsFrom, source, image, read.Written);
            })]))], declared);
    }

    /// <summary>The platform arguments BuildKit defines for FROM lines: BUILDPLATFORM, TARGETPLATFORM and their parts.</summary>
    public static IReadOnlyDictionary<string, string> PlatformArgs(ContainerPlatform build, ContainerPlatform target)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (prefix, platform) in new[] { ("BUILD", build), ("TARGET", target) })
        {
            args[$"{prefix}PLATFORM"] = platform.ToString();
            args[$"{prefix}OS"] = platform.Os;
            args[$"{prefix}ARCH"] = platform.Architecture;
            args[$"{prefix}VARIANT"] = platform.Variant ?? "";
        }

        return args;
    }

    /// <summary>Substitutes <c>$NAME</c>, <c>${NAME}</c>, <c>${NAME:-word}</c>, <c>${NAME:+word}</c> (and without the colon); unset is empty.</summary>
    public static string Expand(string text, Func<string, string?> lookup, char escape = '\\')
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == escape && i + 1 < text.Length && text[i + 1] == '$')
            {
                result.Append('$');
                i++;
                continue;
            }

            if (c != '$' || i + 1 >= text.Length)
            {
                result.Append(c);
                continue;
            }

            if (text[i + 1] == '{')
            {
                var end = Closing(text, i + 2);
                if (end < 0)
                {
                    result.Append(text[i..]);
                    break;
                }

                var body = text[(i + 2)..end];
                var match = Braced().Match(body);
                if (!match.Success)
                {
                    result.Append(text[i..(end + 1)]);
                }
                else
                {
                    var value = lookup(match.Groups[1].Value);
                    var (op, word) = (match.Groups[2].Value, match.Groups[3].Value);
                    result.Append(op switch
                    {
                        ":-" => string.IsNullOrEmpty(value) ? Expand(word, lookup, escape) : value,
                        "-" => value ?? Expand(word, lookup, escape),
                        ":+" => string.IsNullOrEmpty(value) ? "" : Expand(word, lookup, escape),
                        "+" => value is null ? "" : Expand(word, lookup, escape),
                        _ => value ?? "",
                    });
                }

                i = end;
                continue;
            }

            var name = Name().Match(text, i + 1);
            if (name.Success && name.Index == i + 1)
            {
                result.Append(lookup(name.Value) ?? "");
                i += name.Length;
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>Each instruction with the line it starts on: comments dropped, continuations joined, heredoc bodies skipped.</summary>
    private static IEnumerable<(int Line, string Text)> Instructions(string[] lines, int first, char escape)
    {
        for (var i = first; i < lines.Length; i++)
        {
            if (IsBlankOrComment(lines[i]))
                continue;
            var start = i;
            var text = new StringBuilder();
            var current = lines[i].TrimEnd();
            while (current.EndsWith(escape) && i + 1 < lines.Length)
            {
                text.Append(current[..^1]).Append(' ');
                do
                    i++;
                while (i + 1 < lines.Length && IsBlankOrComment(lines[i]));
                current = IsBlankOrComment(lines[i]) ? "" : lines[i].TrimEnd();
            }

            text.Append(current);
            var instruction = text.ToString().Trim();
            IEnumerable<Match> heredocs = SplitWord(instruction).Word.ToUpperInvariant() is "RUN" or "COPY" or "ADD" ? Heredoc().Matches(instruction) : [];
            foreach (Match heredoc in heredocs)
            {
                var (word, strip) = (heredoc.Groups[3].Value, heredoc.Groups[1].Value == "-");
                while (i + 1 < lines.Length)
                {
                    i++;
                    if ((strip ? lines[i].TrimStart('\t') : lines[i]).TrimEnd() == word)
                        break;
                }
            }

            yield return (start + 1, instruction);
        }
    }

    private static bool IsComment(string line) => line.TrimStart().StartsWith('#');

    private static bool IsBlankOrComment(string line) => line.Trim().Length == 0 || IsComment(line);

    private static (string Word, string Remainder) SplitWord(string text)
    {
        var space = text.IndexOfAny([' ', '\t']);
        return space < 0 ? (text, "") : (text[..space], text[(space + 1)..].Trim());
    }

    private static List<string> Words(string text) => [.. text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The value of <c>--name=value</c>, or null for another flag.</summary>
    private static string? Flag(string word, string name) =>
        word.StartsWith($"--{name}=", StringComparison.OrdinalIgnoreCase) ? word[(name.Length + 3)..].Trim('"', '\'') : null;

    /// <summary><c>ARG A</c>, <c>ARG A=1 B="two words"</c>.</summary>
    private static IEnumerable<(string Name, string? Value)> ArgDeclarations(string text)
    {
        foreach (Match match in ArgDeclaration().Matches(text))
        {
            var value = match.Groups[2].Success ? match.Groups[2].Value : null;
            if (value is ['"', .., '"'] or ['\'', .., '\''])
                value = value[1..^1];
            yield return (match.Groups[1].Value, value);
        }
    }

    private static IEnumerable<string> Variables(string text) => VariableReference().Matches(text).Select(m => m.Groups[1].Value).Distinct();

    private static int Closing(string text, int from)
    {
        var depth = 1;
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '{')
                depth++;
            else if (text[i] == '}' && --depth == 0)
                return i;
        }

        return -1;
    }

    [GeneratedRegex(@"^\s*#\s*([A-Za-z][A-Za-z0-9]*)\s*=\s*(\S+)\s*$")]
    private static partial Regex Directive();

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$", RegexOptions.Singleline)]
    private static partial Regex Braced();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Name();

    [GeneratedRegex(@"<<(-?)([""']?)([A-Za-z_][A-Za-z0-9_]*)\2")]
    private static partial Regex Heredoc();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)(?:=(""[^""]*""|'[^']*'|\S*))?")]
    private static partial Regex ArgDeclaration();

    [GeneratedRegex(@"\$\{?([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex VariableReference();
}
