using Keel.Tooling;

namespace Keel.Components;

/// <summary>Compile: <c>dotnet build</c> of the solution. Change the command through <see cref="CompileSettings"/>.</summary>
public interface ICompile : IRestore, IHazConfiguration
{
    Configure<DotNetBuildSettings> CompileSettings => settings => settings;

    Target Compile => _ => _
        .Description("Compiles the solution.")
        .DependsOn(Restore)
        .Executes(() => DotNet.Build(s => CompileSettings(s
            .SetProject(Solution)
            .SetConfiguration(Configuration)
            .EnableNoRestore())));
}
