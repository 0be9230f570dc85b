using Keel.Tooling;

namespace Keel.Components;

/// <summary>Restore: <c>dotnet restore</c> of the solution. Change the command through <see cref="RestoreSettings"/>.</summary>
public interface IRestore : IHazSolution
{
    Configure<DotNetRestoreSettings> RestoreSettings => settings => settings;

    Target Restore => _ => _
        .Description("Restores the solution's packages.")
        .Inputs(() => IncrementalInputs.Restore(this))
        .InputValue("command", () => IncrementalInputs.Command(RestoreSettings(new DotNetRestoreSettings())))
        .InputValue("sdk", () => DotNet.SdkVersion)
        .Outputs("**/obj/project.assets.json")
        .Executes(() => DotNet.Restore(s => RestoreSettings(s.SetProject(Solution))));
}
