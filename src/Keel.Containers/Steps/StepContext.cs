using Keel.Tooling;
using Serilog;

namespace Keel.Containers;

/// <summary>
/// What the image steps of one run share: the build (its processes, log, folders and Ctrl-C), the docker command line,
/// the machine and what it may install, and the engine, checked once as every step needs it.
/// </summary>
internal sealed class StepContext
{
    private bool _engineAnswered;
    private readonly Lazy<MachineFacts> _facts;
    private readonly Lazy<MachineSetup> _machine;

    public StepContext(IKeelBuild build, ContainerOptions options)
    {
        Build = build;
        Options = options;
        var processes = build.Processes;
        // The machine is looked at when a step first needs it: a run that only lists targets or plans never does.
        _facts = new Lazy<MachineFacts>(() => options.Machine ?? MachineFacts.ForThisMachine());
        _machine = new Lazy<MachineSetup>(() => new MachineSetup(processes, build.Tools, Facts, build.Log, options.InstallMissingTools));
        Docker = new DockerTool(processes, build.Tools, build.RootDirectory, build.Log);
    }

    public IKeelBuild Build { get; }

    public ContainerOptions Options { get; }

    public MachineFacts Facts => _facts.Value;

    public MachineSetup Machine => _machine.Value;

    public DockerTool Docker { get; }

    public ILogger Log => Build.Log;

    /// <summary>The build's Ctrl-C: it ends every wait and every retry.</summary>
    public CancellationToken Cancellation => Build.Processes.CancellationToken;

    /// <summary>How registry operations that fail for a passing reason are tried again.</summary>
    public Retry Retry { get; init; } = Retry.Default;

    /// <summary>
    /// Makes sure a Docker engine answers, once per run. Containers that runs killed before their cleanup left on it
    /// are removed then.
    /// </summary>
    public void EnsureEngine()
    {
        if (_engineAnswered)
            return;
        new DockerEngine(Docker, Machine, Facts, Build.EnvironmentVariables, Build.TemporaryDirectory, Log).EnsureRunning();
        _engineAnswered = true;
        new AbandonedResources(Docker, Log).RemoveContainers();
    }

    /// <summary>The engine's own platform, as the platforms to build are named.</summary>
    public ContainerPlatform EnginePlatform => ContainerPlatform.Parse(Docker.EnginePlatform, "The Docker engine's platform");

    /// <summary>The platforms to build, run and push: the engine's own where the build names none.</summary>
    public IReadOnlyList<ContainerPlatform> OrEngine(IReadOnlyList<ContainerPlatform> platforms) => platforms.Count == 0 ? [EnginePlatform] : platforms;

    public Emulation Emulation() => new(Machine, Build.Processes, Build.Tools, Facts, Log);

    public BaseImagePreparation BaseImages()
    {
        var dotnet = new DotNetInstall(Build.Tools);
        var factory = new StandInFactory(Docker, Machine, Build.Processes, Build.Tools, Build.TemporaryDirectory, dotnet, Log);
        return new BaseImagePreparation(Docker, new BaseImageResolver(Docker, factory, dotnet, Log), Build.RootDirectory, Build.TemporaryDirectory);
    }

    public LocalRegistry LocalRegistryAt(string address) =>
        new(LocalRegistry.Parse(address, Options.LocalRegistryOption), Docker, Machine, Build.TemporaryDirectory, Log, Options.LocalRegistryOption);
}
