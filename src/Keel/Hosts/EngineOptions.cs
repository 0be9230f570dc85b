using Keel.Parameters;

namespace Keel.Hosts;

/// <summary>
/// The engine's own options for one run: which targets to run, skip and force, whether to go on after a failure, how
/// much the console shows. They are bound from the same sources as the build's parameters and listed with them in
/// help, but the host owns them: the build object holds only its own parameters. The attributes give the names, help
/// text and sources; <see cref="From"/> reads the bound values by member name.
/// </summary>
internal sealed record EngineOptions
{
    public const string TargetParameter = "Target";
    public const string SkipParameter = "Skip";
    public const string ForceParameter = "Force";
    public const string ContinueParameter = "Continue";

    /// <summary>What a run gets when nothing is given; help shows these as the defaults.</summary>
    public static EngineOptions Defaults { get; } = new();

    [Parameter("Targets to run (also the first words of the command line); the default target when none is given.", Name = TargetParameter, FromEnvironment = false)]
    public string[] InvokedTargets { get; init; } = [];

    [Parameter("Targets to skip; '--skip' alone skips every target that was not invoked.", Name = SkipParameter, FromEnvironment = false)]
    public string[]? SkippedTargets { get; init; }

    [Parameter("Targets to run even when they are up to date; '--force' alone forces every target.", Name = ForceParameter, FromEnvironment = false)]
    public string[]? ForcedTargets { get; init; }

    [Parameter("After a failure, go on with the targets that do not depend on the failed one.", Name = ContinueParameter, FromEnvironment = false)]
    public bool ContinueAfterFailure { get; init; }

    [Parameter("How much the console shows.")]
    public Verbosity Verbosity { get; init; } = Verbosity.Normal;

    /// <summary>The options from the values binding chose, keyed by member name; an option nothing set keeps its default.</summary>
    public static EngineOptions From(IReadOnlyDictionary<string, object?> bound) => new()
    {
        InvokedTargets = bound.GetValueOrDefault(nameof(InvokedTargets)) as string[] ?? Defaults.InvokedTargets,
        SkippedTargets = bound.GetValueOrDefault(nameof(SkippedTargets)) as string[] ?? Defaults.SkippedTargets,
        ForcedTargets = bound.GetValueOrDefault(nameof(ForcedTargets)) as string[] ?? Defaults.ForcedTargets,
        ContinueAfterFailure = bound.GetValueOrDefault(nameof(ContinueAfterFailure)) as bool? ?? Defaults.ContinueAfterFailure,
        Verbosity = bound.GetValueOrDefault(nameof(Verbosity)) as Verbosity? ?? Defaults.Verbosity,
    };
}
