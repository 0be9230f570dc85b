using Keel.Tooling;

namespace Keel.Components;

/// <summary>
/// Compile: <c>dotnet build</c> of the solution, or of the projects a change reaches when the others are up to date.
/// Change the command through <see cref="CompileSettings"/>.
/// </summary>
public interface ICompile : IRestore, IHazConfiguration
{
    Configure<DotNetBuildSettings> CompileSettings => settings => settings;

    Target Compile => _ => _
        .Description("Compiles the solution.")
        .DependsOn(Restore)
        .Inputs(() => IncrementalInputs.CompileSources(this))
        .InputValue("command", () => IncrementalInputs.CompileCommand(this))
        .InputValue("sdk", () => DotNet.SdkVersion)
        .Outputs(() => IncrementalInputs.CompileOutputs(this))
        .Executes(context => IncrementalInputs.Compile(this, context.Incremental));
}
