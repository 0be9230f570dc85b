using Keel.Tooling;
using Serilog;

namespace Keel;

/// <summary>What every build offers its targets and components.</summary>
public interface IKeelBuild
{
    AbsolutePath RootDirectory { get; }
    AbsolutePath TemporaryDirectory { get; }
    ILogger Log { get; }
    IReadOnlyDictionary<string, string> EnvironmentVariables { get; }
    ProcessRunner Processes { get; }
    ToolResolver Tools { get; }
    IncrementalWork Incremental { get; }
    DotNetTool DotNet { get; }
    GitTool Git { get; }
    bool IsLocalBuild { get; }
    Execution.BuildOutputs Outputs { get; }
}
