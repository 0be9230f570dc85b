namespace Keel.Components;

/// <summary>The solution the components work on: the one .slnx or .sln file in the root directory, unless the build says otherwise.</summary>
public interface IHazSolution : IKeelBuild
{
    AbsolutePath Solution =>
        Directory.EnumerateFiles(RootDirectory, "*.slnx").Concat(Directory.EnumerateFiles(RootDirectory, "*.sln")).Order(StringComparer.Ordinal).FirstOrDefault() is { } file
            ? AbsolutePath.Create(file)
            : throw new BuildException($"No .slnx or .sln file in {RootDirectory}; add one, or implement Solution in the build.");
}
