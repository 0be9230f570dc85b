using System.Xml.Linq;

namespace EndToEnd.Tests.Workflows;

/// <summary>
/// One of this repository's generated workflows run by the harness for a pull request into main of
/// <paramref name="origin"/>: a fixture, disposed with its run and its repository.
/// </summary>
public abstract class PullRequestRun(ThrowawayRepository origin, string workflow, int number, string branch) : IDisposable
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public ThrowawayRepository Origin { get; } = origin;

    public WorkflowRun Run { get; } = Start(origin, workflow, number, branch);

    /// <summary>The passed and failed counts of a trx file in an artifact.</summary>
    public (int Passed, int Failed) Counts(string artifact, string trx)
    {
        var counters = XDocument.Load(Path.Combine(Run.Artifacts.Folder(artifact), trx)).Descendants(Trx + "Counters").Single();
        return (int.Parse(counters.Attribute("passed")!.Value), int.Parse(counters.Attribute("failed")!.Value));
    }

    /// <summary>The code bases (test assemblies) a trx file in an artifact ran.</summary>
    public IReadOnlyList<string> TestAssemblies(string artifact, string trx) =>
        [.. XDocument.Load(Path.Combine(Run.Artifacts.Folder(artifact), trx)).Descendants(Trx + "TestMethod").Select(m => Path.GetFileName(m.Attribute("codeBase")!.Value)).Distinct()];

    public void Dispose()
    {
        Run.Dispose();
        Origin.Dispose();
        GC.SuppressFinalize(this);
    }

    private static WorkflowRun Start(ThrowawayRepository origin, string workflow, int number, string branch)
    {
        using var pullRequest = PullRequestOrigin.Open(origin, number, branch);
        return WorkflowRunner.Run(Workflow.Load(Path.Combine(ThrowawayRepository.SourceRoot, ".github/workflows", workflow)), new WorkflowRunSettings(origin, pullRequest));
    }
}
