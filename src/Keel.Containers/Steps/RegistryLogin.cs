using Keel.Tooling;

namespace Keel.Containers;

/// <summary>
/// docker's login for one push, in a DOCKER_CONFIG of this run's own (never the user's ~/.docker): what interrupted
/// runs left is removed first, and disposing logs out and removes the folder, also after Ctrl-C or a failure.
/// </summary>
internal sealed class RegistryLogin : IDisposable
{
    private readonly StepContext _context;
    private readonly string _registry;
    private readonly bool _loggedIn;
    private readonly string _config;

    private RegistryLogin(StepContext context, string registry, bool loggedIn, string config, DockerTool docker)
    {
        (_context, _registry, _loggedIn, _config) = (context, registry, loggedIn, config);
        Docker = docker;
    }

    /// <summary>The docker command line with these credentials.</summary>
    public DockerTool Docker { get; }

    /// <summary>
    /// Logs in to <paramref name="registry"/> (with no credentials, a registry that takes none: nothing to log in to),
    /// tried again while it fails for a passing reason.
    /// </summary>
    public static RegistryLogin Open(StepContext context, RegistryClient client, string registry, RegistryCredentials? credentials, TimeSpan? callLimit)
    {
        var configs = context.Build.TemporaryDirectory / "docker-config";
        new AbandonedResources(context.Docker, context.Log).RemoveCredentials(configs);
        // Named for this process, so a later run can tell a folder an interrupted run left behind from a live run's.
        var config = configs / $"{Environment.ProcessId}-{Guid.NewGuid():N}";
        Directory.CreateDirectory(config);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var login = new RegistryLogin(context, registry, credentials is not null, config, context.Docker.WithConfig(config));
        try
        {
            if (credentials is not null)
                login.LogIn(client, credentials, callLimit);
            return login;
        }
        catch
        {
            login.Dispose();
            throw;
        }
    }

    /// <summary>
    /// docker login, tried again while it fails for a passing reason. A failure that reads as refused credentials is
    /// put to the registry itself (<see cref="RegistryClient.CheckLoginAsync"/>): only its refusal of the credentials
    /// is called a rejected login; when it takes them, or meets a fault of its own, docker login is tried again.
    /// </summary>
    private void LogIn(RegistryClient client, RegistryCredentials credentials, TimeSpan? callLimit)
    {
        try
        {
            _context.Retry.Run($"Logging in to {_registry}", () =>
            {
                try
                {
                    Docker.Login(_registry, credentials.Username, credentials.Password, callLimit);
                }
                catch (ProcessFailedException e) when (RegistryErrors.MayBeRefusedCredentials(e))
                {
                    var check = client.CheckLoginAsync(_context.Cancellation).GetAwaiter().GetResult();
                    throw LoginFailure.Explain(_registry, credentials.Username, _context.Options.CredentialsHint, RegistryErrors.Reason(e), check);
                }

                return true;
            }, RegistryErrors.IsTransient, _context.Log, _context.Cancellation);
        }
        catch (ProcessFailedException e)
        {
            throw new BuildException($"Could not log in to {_registry} as {credentials.Username}: {RegistryErrors.Reason(e)}; nothing was pushed.");
        }
    }

    /// <summary>Logs out (cleanup runs on its own time limit), then the folder goes, whatever the logout said.</summary>
    public void Dispose()
    {
        try
        {
            if (_loggedIn)
                Docker.Logout(_registry);
        }
        catch (Exception e) when (e is BuildException or IOException)
        {
            _context.Log.Warning("Logging out of {Registry} failed ({Reason}); the credentials folder is removed all the same.", _registry, e.Message);
        }
        finally
        {
            Directory.Delete(_config, recursive: true);
        }
    }
}
