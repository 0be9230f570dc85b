namespace EndToEnd.Tests.Workflows;

/// <summary>What a uses: step's local equivalent works with: the job's workspace and permissions, the run's artifacts and attestations.</summary>
internal sealed record LocalActionContext(
    string Job,
    string Workspace,
    string RunnerTemp,
    string RunnerArchitecture,
    ThrowawayRepository Origin,
    IReadOnlyDictionary<string, string> Runner,
    OrderedMap Permissions,
    ArtifactStore Artifacts,
    Action<ProvenanceSubject> Attest,
    Action<string> Log);
