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

    /// <summary>The projects a solution builds, or the one project when <paramref name="file"/> is a project.</summary>
    public static ProjectGraph Read(AbsolutePath root, AbsolutePath file) =>
        new(root, Path.GetExtension(file.Value).ToLowerInvariant() is ".slnx" or ".sln"
            ? [.. ProjectModel.Solution.Read(file).BuiltProjects.Select(p => p.Path)]
            : [file]);

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
    public static bool IsTestProject(AbsolutePath project) => new ProjectModel.Project(project).IsTestProject;

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

    [GeneratedRegex(@"<ProjectReference\s+Include=""(?<path>[^""]+)""")]
    private static partial Regex ProjectReference();
}
