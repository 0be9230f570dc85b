using Keel.Tooling;

namespace Keel.Components;

/// <summary>
/// Pack: <c>dotnet pack</c> of each of <see cref="PackProjects"/> into <see cref="PackageDirectory"/>
/// (artifacts/packages unless the build says otherwise), with symbol packages. Change it through <see cref="PackSettings"/>.
/// </summary>
public interface IPack : ICompile
{
    /// <summary>The projects to pack.</summary>
    IEnumerable<AbsolutePath> PackProjects { get; }

    AbsolutePath PackageDirectory => RootDirectory / "artifacts" / "packages";

    Configure<DotNetPackSettings> PackSettings => settings => settings;

    Target Pack => _ => _
        .Description("Packs the packages into the package folder.")
        .DependsOn(Compile)
        .Produces("artifacts/packages")
        .Executes(() =>
        {
            foreach (var project in PackProjects)
            {
                DotNet.Pack(s => PackSettings(s
                    .SetProject(project)
                    .SetConfiguration(Configuration)
                    .EnableNoRestore()
                    .EnableNoBuild()
                    .EnableIncludeSymbols()
                    .SetOutputDirectory(PackageDirectory)));
            }
        });
}
