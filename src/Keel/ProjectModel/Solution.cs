using System.Text.RegularExpressions;

namespace Keel.ProjectModel;

/// <summary>
/// A solution file (.slnx or .sln) as NUKE's <c>[Solution]</c> gives it: its projects by name and path. Projects the
/// solution does not build (<c>&lt;Build Project="false" /&gt;</c> in a .slnx) are listed apart, and solution folders are
/// not projects.
/// </summary>
public sealed partial class Solution
{
    private Solution(AbsolutePath path, IReadOnlyList<Project> projects)
    {
        Path = path;
        AllProjects = projects;
    }

    public AbsolutePath Path { get; }

    public AbsolutePath Directory => Path.Parent;

    /// <summary>Every project the solution lists.</summary>
    public IReadOnlyList<Project> AllProjects { get; }

    /// <summary>The projects a build of the solution builds.</summary>
    public IEnumerable<Project> BuiltProjects => AllProjects.Where(p => p.IsBuilt);

    /// <summary>The project with this name (the file name without extension, any case), or null.</summary>
    public Project? GetProject(string name) => AllProjects.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads a solution file; a missing or unreadable one fails in one line naming it.</summary>
    public static Solution Read(AbsolutePath file)
    {
        if (!file.FileExists())
            throw new BuildException($"The solution {file} does not exist; give the path of a .slnx or .sln file.");
        var text = File.ReadAllText(file);
        var folder = file.Parent;
        var projects = System.IO.Path.GetExtension(file.Value).ToLowerInvariant() switch
        {
            ".slnx" => SlnxProject().Matches(text).Select(m => (m.Groups["path"].Value, !m.Groups["body"].Value.Contains("Project=\"false\"", StringComparison.Ordinal))),
            ".sln" => SlnProject().Matches(text).Select(m => (m.Groups["path"].Value, true)).Where(p => p.Value.EndsWith("proj", StringComparison.OrdinalIgnoreCase)),
            _ => throw new BuildException($"{file} is not a solution file; give a .slnx or .sln file."),
        };
        return new Solution(file, [.. projects.Select(p => new Project(AbsolutePath.Create(p.Item1.Replace('\\', '/'), folder), p.Item2)).DistinctBy(p => p.Path)]);
    }

    public override string ToString() => Path.Value;

    [GeneratedRegex("""<Project\s+Path="(?<path>[^"]+)"\s*(?:/>|>(?<body>.*?)</Project>)""", RegexOptions.Singleline)]
    private static partial Regex SlnxProject();

    [GeneratedRegex(@"^Project\(""[^""]*""\)\s*=\s*""[^""]*"",\s*""(?<path>[^""]+)""", RegexOptions.Multiline)]
    private static partial Regex SlnProject();
}

/// <summary>A project of a solution.</summary>
/// <param name="Path">The project file.</param>
/// <param name="IsBuilt">False when the solution lists it but does not build it.</param>
public sealed record Project(AbsolutePath Path, bool IsBuilt = true)
{
    /// <summary>The file name without its extension: <c>Shop.Tests</c>.</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path.Value);

    public AbsolutePath Directory => Path.Parent;

    /// <summary>Whether it is a test project (IsTestProject, or the test SDK referenced).</summary>
    public bool IsTestProject
    {
        get
        {
            var text = Path.FileExists() ? File.ReadAllText(Path) : "";
            return text.Contains("<IsTestProject>true</IsTestProject>", StringComparison.OrdinalIgnoreCase)
                || text.Contains("Microsoft.NET.Test.Sdk", StringComparison.OrdinalIgnoreCase);
        }
    }

    public override string ToString() => Name;
}
