using Keel.CommandLine;
using Keel.Execution;
using Keel.Hosts;
using Keel.Logging;
using Keel.Parameters;
using Serilog;

namespace Keel.Lifecycle;

/// <summary>One invocation of a build: its definitions (fixed once created) and the state of this run.</summary>
public sealed class BuildSession
{
    internal BuildSession(KeelBuild build, Host host, Invocation invocation, BuildServices services, BuildLogger logger, Redactor redactor,
        BuildLayout layout, IReadOnlyList<TargetDefinition> targets, IReadOnlyList<ParameterDefinition> parameters,
        IReadOnlyList<IBuildExtension> extensions)
    {
        Build = build;
        Host = host;
        Invocation = invocation;
        Services = services;
        Logger = logger;
        Redactor = redactor;
        Layout = layout;
        Targets = targets;
        Parameters = parameters;
        Extensions = extensions;
        ExtensionOptions = [.. extensions.SelectMany(e => e.Options)];
        Graph = new TargetGraph(targets);
        ListedTargets = [.. Planner.InDependencyOrder(Graph).Where(t => !t.Unlisted)];
    }

    public KeelBuild Build { get; }

    /// <summary>Where the build runs and what the CI run says about it (event, ref, commit, pull request), resolved once per run.</summary>
    internal Host Host { get; }
    internal Invocation Invocation { get; }
    internal BuildServices Services { get; }
    internal BuildLogger Logger { get; }
    public ILogger Log => Logger.Logger;
    public Redactor Redactor { get; }
    public BuildLayout Layout { get; }
    public AbsolutePath RootDirectory => Layout.RootDirectory;
    public AbsolutePath NukeDirectory => Layout.NukeDirectory;
    public AbsolutePath TemporaryDirectory => Layout.TemporaryDirectory;
    internal IReadOnlyList<TargetDefinition> Targets { get; }
    internal IReadOnlyList<ParameterDefinition> Parameters { get; }

    /// <summary>The engine's extensions and the build's own, in the order they hear each event.</summary>
    public IReadOnlyList<IBuildExtension> Extensions { get; }

    /// <summary>The options the build's extensions read themselves (--plan, --generate-configuration, ...).</summary>
    public IReadOnlyList<ExtensionOption> ExtensionOptions { get; }
    internal TargetGraph Graph { get; }
    internal TargetDefinition? DefaultTarget => Targets.FirstOrDefault(t => t.IsDefault);

    /// <summary>Targets shown in help, the schema and the IDE profiles: dependencies before dependents.</summary>
    internal IReadOnlyList<TargetDefinition> ListedTargets { get; }

    /// <summary>Where each parameter's value came from, and the values refused (a secret too short to mask), which are reported with the requirements.</summary>
    internal ParameterBinding Binding { get; set; } = ParameterBinding.None;

    /// <summary>The engine's own options (targets, --skip, --force, --continue, --verbosity); their defaults until bound.</summary>
    internal EngineOptions Options => Binding.Engine;

    /// <summary>Up-to-date checks of this run's targets.</summary>
    internal Incremental.UpToDateCheck UpToDate { get; init; } = null!;

    /// <summary>Makes each target's context as it starts.</summary>
    internal TargetContexts TargetContexts { get; init; } = null!;

    /// <summary>Set once the plan is made.</summary>
    internal ExecutionPlan? Plan { get; set; }

    /// <summary>Set once the plan has run.</summary>
    public RunRecord? Record { get; internal set; }
}
