namespace EndToEnd.Tests.Workflows;

/// <summary>
/// The GitHub-hosted runners a job's runs-on may name, and how each runs here: Ubuntu on x64 runs natively on this
/// linux/amd64 machine; Ubuntu on arm64 runs here too, its arm64 programs under emulation (GitHub runs it on a native
/// arm64 runner, so this is slower, not different). Any other runner (Windows, macOS, self-hosted labels) is refused.
/// </summary>
public static class RunnerLabels
{
    private static readonly string[] X64 = ["ubuntu-latest", "ubuntu-24.04", "ubuntu-22.04"];
    private static readonly string[] Arm64 = ["ubuntu-24.04-arm", "ubuntu-22.04-arm"];

    /// <summary>X64 or ARM64, as runner.arch says it on GitHub.</summary>
    public static string Architecture(string label) =>
        X64.Contains(label) ? "X64" : Arm64.Contains(label) ? "ARM64"
        : throw new WorkflowException($"runs-on '{label}' cannot run here: the harness runs {string.Join(", ", X64)} (on this linux/amd64 machine) and {string.Join(", ", Arm64)} (here, under arm64 emulation).");
}
