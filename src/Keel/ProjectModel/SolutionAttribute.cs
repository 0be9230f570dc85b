using Keel.Lifecycle;

namespace Keel.ProjectModel;

/// <summary>
/// Injects a solution: <c>[Solution] readonly Solution Solution;</c> reads the one .slnx or .sln file in the root,
/// <c>[Solution("src/Shop.slnx")]</c> the named one (relative to the root). Read when the build is created.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SolutionAttribute(string? relativePath = null) : InjectionAttribute
{
    public string? RelativePath { get; } = relativePath;

    public override object? CreateValue(BuildSession session, Type memberType)
    {
        if (memberType != typeof(Solution))
            throw new BuildException($"[Solution] goes on a member of type Solution, not {memberType.Name}.");
        var root = session.RootDirectory;
        if (RelativePath is not null)
            return Solution.Read(root / RelativePath);
        var files = Directory.EnumerateFiles(root, "*.slnx").Concat(Directory.EnumerateFiles(root, "*.sln")).Order(StringComparer.Ordinal).ToList();
        return files.Count switch
        {
            0 => throw new BuildException($"[Solution] finds no .slnx or .sln file in {root}; add one, or name it: [Solution(\"path/to/App.slnx\")]."),
            _ => Solution.Read(AbsolutePath.Create(files[0])),
        };
    }
}
