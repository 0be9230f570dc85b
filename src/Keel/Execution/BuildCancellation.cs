namespace Keel.Execution;

/// <summary>
/// The build's Ctrl-C state. Each target's <see cref="TargetContext.CancellationToken"/> is made from it: the build's
/// token for ordinary targets, none for targets that are assured to run after a cancellation.
/// </summary>
internal sealed class BuildCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    public CancellationToken Token => _source.Token;

    public bool IsCancellationRequested => _source.IsCancellationRequested;

    public void Cancel() => _source.Cancel();

    public void Dispose() => _source.Dispose();
}
