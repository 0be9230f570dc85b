using Keel.Hosts;

namespace Keel.TestProgram;

/// <summary>
/// A build run as a real process, so a test can press Ctrl-C on it: Work starts a long child process, Cleanup is
/// assured to run after a failure or a cancellation and leaves a marker file.
/// </summary>
public sealed class SampleBuild : KeelBuild
{
    [Parameter("Where the child writes its process id.")]
    readonly string PidFile = "";

    [Parameter("Where Cleanup leaves its marker.")]
    readonly string Marker = "";

    Target Work => _ => _
        .Executes(() => Processes.Run(new Tooling.ToolInvocation(Environment.ProcessPath!, Self.StartInfo("sleep", PidFile).ArgumentList.ToArray())));

    Target Later => _ => _
        .DependsOn(Work)
        .Executes(() => File.WriteAllText(Marker + ".later", "ran"));

    Target Cleanup => _ => _
        .After(Later)
        .AssuredAfterFailure()
        .Executes(() => File.WriteAllText(Marker, "cleaned up"));

    public static int Run(string[] args) =>
        new BuildHost(BuildServices.ForThisProcess()).RunFromProcess(() => new SampleBuild(), args, nameof(Later));
}
