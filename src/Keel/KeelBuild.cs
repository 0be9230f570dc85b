using System.Linq.Expressions;
using Keel.Hosts;
using Keel.Parameters;
using Keel.Tooling;
using Serilog;

namespace Keel;

/// <summary>
/// The base class of a build. Declare targets as <see cref="Target"/> properties and parameters with
/// <see cref="ParameterAttribute"/>, and start it from Main: <c>public static int Main() => Execute&lt;Build&gt;(x => x.Compile);</c>
/// </summary>
public abstract class KeelBuild : IKeelBuild
{
    private BuildContext? _context;
    // Kept with the runner they were made with: a target that runs under another token (one assured after Ctrl-C) gets its own.
    private (ProcessRunner Runner, DotNetTool Tool)? _dotNet;
    private (ProcessRunner Runner, GitTool Tool)? _git;

    public AbsolutePath RootDirectory => Context.Layout.RootDirectory;

    /// <summary>Where the repository keeps its build: root, build project, temp folder, parameter files, scripts.</summary>
    public BuildLayout Layout => Context.Layout;

    /// <summary>Values this run reports (an image's digest and tags), which CI hosts hand on.</summary>
    public Execution.BuildOutputs Outputs { get; } = new();

    public AbsolutePath TemporaryDirectory => Layout.TemporaryDirectory;

    public ILogger Log => Context.Log;

    public IReadOnlyDictionary<string, string> EnvironmentVariables => Context.Environment;

    /// <summary>Starts processes under the running target's cancellation token (<see cref="TargetContext.Processes"/>); the build's Ctrl-C outside targets.</summary>
    public ProcessRunner Processes => Context.Targets.Processes;

    public ToolResolver Tools => Context.Tools;

    /// <summary>Up-to-date checks for the parts of the running target (one project of Compile, one test project of Test): its <see cref="TargetContext.Incremental"/>.</summary>
    public IncrementalWork Incremental => Context.Targets.Incremental;

    /// <summary><c>dotnet</c>, run with <see cref="Processes"/>.</summary>
    public DotNetTool DotNet => ToolFor(ref _dotNet, runner => new DotNetTool(runner, Tools, RootDirectory));

    /// <summary><c>git</c>, run with <see cref="Processes"/>.</summary>
    public GitTool Git => ToolFor(ref _git, runner => new GitTool(runner, Tools, RootDirectory));

    private T ToolFor<T>(ref (ProcessRunner Runner, T Tool)? kept, Func<ProcessRunner, T> make)
    {
        var runner = Processes;
        if (kept is not { } made || made.Runner != runner)
            kept = (runner, make(runner));
        return kept.Value.Tool;
    }

    /// <summary>
    /// Where the running build runs: a developer's terminal, GitHub Actions, or another CI server. Static, as in NUKE,
    /// so field initializers can read it: <c>Configuration = IsLocalBuild ? Configuration.Debug : Configuration.Release</c>.
    /// </summary>
    public static Host Host => AmbientHost.Current ?? Host.From(ProcessEnvironment.Read());

    /// <summary>True on a developer's machine; false on a CI server (GITHUB_ACTIONS=true, or CI set).</summary>
    public static bool IsLocalBuild => !Host.IsServer;

    /// <summary>True on a CI server.</summary>
    public static bool IsServerBuild => Host.IsServer;

    bool IKeelBuild.IsLocalBuild => IsLocalBuild;

    /// <summary>
    /// The value bound to a parameter from the command line, the environment, profiles or parameters.json, or default
    /// when none was given. Components declare their parameters with it: <c>[Parameter] string? ApiUrl =&gt; TryGetValue(() =&gt; ApiUrl);</c>.
    /// The expression only names the member; it is never compiled or run.
    /// </summary>
    public T? TryGetValue<T>(Expression<Func<T>> parameterExpression) => ParameterValues.Get(parameterExpression);

    /// <summary>What binding set, by member: the only home of the values of parameters declared on component interfaces.</summary>
    internal ParameterValues ParameterValues { get; } = new();

    private BuildContext Context => _context ?? throw new InvalidOperationException("The build's services are available once the build has started, not in its constructor.");

    internal void Attach(BuildContext context) => _context = context;

    /// <summary>The build is created: targets and parameters are known, parameters are not bound yet.</summary>
    protected virtual void OnBuildCreated()
    {
    }

    /// <summary>Parameters are bound and the plan is made; nothing has run.</summary>
    protected virtual void OnBuildInitialized()
    {
    }

    /// <summary>A target starts its actions.</summary>
    protected virtual void OnTargetRunning(string target)
    {
    }

    /// <summary>A target's actions finished without an error.</summary>
    protected virtual void OnTargetSucceeded(string target)
    {
    }

    /// <summary>A target failed (or was stopped by Ctrl-C).</summary>
    protected virtual void OnTargetFailed(string target)
    {
    }

    /// <summary>The build finished, whatever its outcome (see <see cref="IsSuccessful"/>).</summary>
    protected virtual void OnBuildFinished()
    {
    }

    internal void RaiseBuildCreated() => OnBuildCreated();

    internal void RaiseBuildInitialized() => OnBuildInitialized();

    internal void RaiseTargetRunning(string target) => OnTargetRunning(target);

    internal void RaiseTargetSucceeded(string target) => OnTargetSucceeded(target);

    internal void RaiseTargetFailed(string target) => OnTargetFailed(target);

    internal void RaiseBuildFinished() => OnBuildFinished();

    /// <summary>Set when the build finished: true when no target failed and nothing was cancelled.</summary>
    public bool IsSuccessful { get; internal set; }

    /// <summary>Runs the build with this process's command line, environment and console.</summary>
    protected static int Execute<T>(Expression<Func<T, Target>> defaultTarget)
        where T : KeelBuild, new() => Run<T>(TargetDiscovery.NameOf(defaultTarget));

    /// <summary>Runs the build, defaulting to a target of one of its components: <c>Execute&lt;Build, ICompile&gt;(x => x.Compile)</c>.</summary>
    protected static int Execute<T, TComponent>(Expression<Func<TComponent, Target>> defaultTarget)
        where T : KeelBuild, TComponent, new() => Run<T>(TargetDiscovery.NameOf(defaultTarget));

    private static int Run<T>(string defaultTarget)
        where T : KeelBuild, new() =>
        new BuildHost(BuildServices.ForThisProcess())
            .RunFromProcess(() => new T(), System.Environment.GetCommandLineArgs()[1..], defaultTarget);
}
