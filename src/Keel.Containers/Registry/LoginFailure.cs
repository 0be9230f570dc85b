namespace Keel.Containers;

/// <summary>
/// What a failed docker login means once the registry has been asked directly. docker login reports "401 Unauthorized"
/// also when it never sent the credentials: a ping that met a 503 leaves it without the registry's challenge, so it
/// asks without them. Only the registry refusing the credentials themselves is called a rejected login; the rest is
/// a passing fault (tried again) or said as it is.
/// </summary>
internal static class LoginFailure
{
    /// <param name="registry">The registry's address.</param>
    /// <param name="username">Who logged in.</param>
    /// <param name="credentialsHint">Where the credentials come from (the build's options).</param>
    /// <param name="dockerReason">The last line docker login wrote.</param>
    /// <param name="check">The registry's own answer.</param>
    /// <returns>The error to throw: a <see cref="RegistryFaultException"/> for a passing fault, else a <see cref="BuildException"/>.</returns>
    public static Exception Explain(string registry, string username, string credentialsHint, string dockerReason, LoginCheck check) => check.Verdict switch
    {
        LoginVerdict.Accepted => new RegistryFaultException(
            $"docker login said '{dockerReason}', but asked directly, the registry accepts the credentials ({check.Answer}): a passing fault"),
        LoginVerdict.Passing => new RegistryFaultException(
            $"asked directly, the registry answered {check.Answer}: a passing fault (docker login said '{dockerReason}')"),
        LoginVerdict.Rejected => new BuildException(
            $"Could not log in to {registry} as {username}: the registry rejected the credentials ({check.Answer}). Check {credentialsHint}; nothing was pushed."),
        _ => new BuildException(
            $"Could not log in to {registry} as {username}: {dockerReason}; asked directly, the registry answered {check.Answer}; nothing was pushed."),
    };
}
