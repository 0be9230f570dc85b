using System.Text.RegularExpressions;

namespace Keel.Components;

/// <summary>
/// The projects of a solution (.slnx or .sln; projects the solution does not build are left out) and what each
/// references, read from the files as they are: enough to tell which projects a change reaches.
/// </summary>
internal sealed partial class ProjectGraph
{
    private readonly Dictionary<string, IReadOnlyList<string>> _references = new(StringComparer.Ordinal);

    private ProjectGraph(AbsolutePath root, IReadOnlyList<AbsolutePath> projects)
    {
        Root = root;
        Projects = projects;
    }

    public AbsolutePath Root { get; }

    /// <summary>The projects the solution builds.</summary>
    public IReadOnlyList<AbsolutePath> Projects { get; }

    /// <summary>The projects of a solution file, or the one project when <paramref name="file"/> is a project.</summary>
    public static ProjectGraph Read(AbsolutePath root, AbsolutePath file)
    {
        var text = File.ReadAllText(file);
        var folder = file.Parent;
        IEnumerable<string> paths = Path.GetExtension(file.Value).ToLowerInvariant() switch
        {
            ".slnx" => SlnxProject().Matches(text).Where(m => !m.Groups["body"].Value.Contains("Project=\"false\"", StringComparison.Ordinal)).Select(m => m.Groups["path"].Value),
            ".sln" => SlnProject().Matches(text).Select(m => m.Groups["path"].Value).Where(p => p.EndsWith("proj", StringComparison.OrdinalIgnoreCase)),
            _ => [file.Value],
        };
        return new ProjectGraph(root, [.. paths.Select(p => AbsolutePath.Create(p.Replace('\\', '/'), folder)).Distinct()]);
    }

    /// <summary>The project and every project it references, directly or not.</summary>
    public IReadOnlyList<AbsolutePath> Closure(AbsolutePath project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project.Value]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next) || !File.Exists(next))
                continue;
            foreach (var reference in References(next))
                pending.Push(reference);
        }

        return [.. seen.Select(p => AbsolutePath.Create(p))];
    }

    /// <summary>Whether <paramref name="from"/> references <paramref name="project"/>, directly or not.</summary>
    public bool Reaches(AbsolutePath from, AbsolutePath project) => from != project && Closure(from).Contains(project);

    /// <summary>What a project reads: its folder and the folders of everything it references, relative to the root.</summary>
    public IReadOnlyList<string> Sources(AbsolutePath project) =>
        [.. Closure(project).Select(p => p.Parent.RelativeTo(Root)).Distinct()];

    /// <summary>Whether the project is a test project (IsTestProject, or the test SDK referenced).</summary>
    public static bool IsTestProject(AbsolutePath project)
    {
        var text = File.Exists(project) ? File.ReadAllText(project) : "";
        return text.Contains("<IsTestProject>true</IsTestProject>", StringComparison.OrdinalIgnoreCase)
            || text.Contains("Microsoft.NET.Test.Sdk", StringComparison.OrdinalIgnoreCase);
    }

    private IReadOnlyList<string> References(string project)
    {
        if (_references.TryGetValue(project, out var known))
            return known;
        var folder = Path.GetDirectoryName(project)!;
        var found = ProjectReference().Matches(File.ReadAllText(project))
            .Select(m => Path.GetFullPath(Path.Combine(folder, m.Groups["path"].Value.Replace('\\', '/'))))
            .ToList();
        _references[project] = found;
        return found;
    }

    [GeneratedRegex("""<Project\s+Path="(?<path>[^"]+)"\s*(?:/>|>(?<body>.*?)</Project>)""", RegexOptions.Singleline)]
    private static partial Regex SlnxProject();

    [GeneratedRegex(@"^Project\(""[^""]*""\)\s*=\s*""[^""]*"",\s*""(?<path>[^""]+)""", RegexOptions.Multiline)]
    private static partial Regex SlnProject();

    [GeneratedRegex(@"<ProjectReference\s+Include=""(?<path>[^""]+)""")]
    private static partial Regex ProjectReference();
}
