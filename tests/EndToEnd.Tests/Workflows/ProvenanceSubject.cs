namespace EndToEnd.Tests.Workflows;

/// <summary>What actions/attest-build-provenance would have attested (GitHub signs it; here it is recorded for the test).</summary>
public sealed record ProvenanceSubject(string Job, string Name, string Digest);
