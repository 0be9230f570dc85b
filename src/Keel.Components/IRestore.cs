using Keel.Tooling;

namespace Keel.Components;

/// <summary>
/// Restore: <c>dotnet restore</c> of the solution, and, when the build publishes for runtime identifiers
/// (<see cref="IPublish.PublishRuntimes"/>), of the published project for those runtimes as well, so that Publish
/// never restores (and never rewrites what Restore wrote). Change the commands through <see cref="RestoreSettings"/>.
/// </summary>
public interface IRestore : IHazSolution
{
    Configure<DotNetRestoreSettings> RestoreSettings => settings => settings;

    Target Restore => _ => _
        .Description("Restores the solution's packages.")
        .Inputs(() => IncrementalInputs.Restore(this))
        .InputValue("command", () => (string[])[.. IncrementalInputs.RestoreCommands(this).Select(IncrementalInputs.Command)])
        .InputValue("sdk", () => DotNet.SdkVersion)
        .Outputs("**/obj/project.assets.json")
        .Executes(() =>
        {
            foreach (var command in IncrementalInputs.RestoreCommands(this))
                DotNet.Restore(_ => command);
        });
}
