using System.Linq.Expressions;
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

    /// <summary>
    /// The value bound to a parameter (command line, environment, profiles, parameters.json), or default when none
    /// was given. A component declares its parameters with it, and its own default after <c>??</c>:
    /// <c>[Parameter] string? ApiUrl => TryGetValue(() => ApiUrl);</c>,
    /// <c>[Parameter] int Timeout => TryGetValue&lt;int?&gt;(() => Timeout) ?? 600;</c>.
    /// The expression only names the member: it is never compiled or run.
    /// </summary>
    T? TryGetValue<T>(Expression<Func<T>> parameterExpression);
}
