namespace Keel.Hosts;

/// <summary>
/// Recognises one kind of CI server from the environment the build was handed, and reads what its run says: the
/// event, the ref, the commit, a pull request. <see cref="Host.From"/> asks each provider once per run.
/// </summary>
internal interface IHostProvider
{
    /// <summary>The host with its run's context when the environment is this provider's; null otherwise.</summary>
    Host? Detect(IReadOnlyDictionary<string, string> environment);
}
