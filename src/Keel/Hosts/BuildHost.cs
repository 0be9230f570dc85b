using System.Runtime.InteropServices;
using Keel.CommandLine;
using Keel.Execution;
using Keel.Lifecycle;
using Keel.Logging;
using Keel.Parameters;
using Keel.Tooling;

namespace Keel.Hosts;

/// <summary>Runs a build: create, bind, plan, run, summarize. Everything else hooks in as an extension.</summary>
/// <param name="services">What the build takes from the outside world.</param>
/// <param name="extensions">Extensions of the host's own (a test's probe, a CI integration), beside the engine's standard ones and the build's extension attributes.</param>
internal sealed class BuildHost(BuildServices services, IReadOnlyList<IBuildExtension>? extensions = null)
{

    /// <summary>The lifecycle, from command line to exit code.</summary>
    public async Task<int> RunAsync(Func<KeelBuild> create, IReadOnlyList<string> args, string? defaultTarget)
    {
        // Resolved once: the build's static Host, its extensions and its injected values all see this one.
        var host = services.Host ?? Host.From(services.Environment);
        AmbientHost.Current = host;
        var redactor = new Redactor();
        var invocation = Invocation.Parse(args);
        var root = invocation.Find("root") is { } rootOption ? GivenRoot(rootOption.Values) : FindRoot();
        if (root is null && invocation.Has("root"))
            return 1;
        if (root is null)
        {
            services.Console.Out.WriteLine($"No {BuildLayout.MarkerDirectory} folder in {services.WorkingDirectory} or above it; run the build from inside the repository.");
            return 1;
        }

        var layout = BuildLayout.At(root);
        var temp = layout.TemporaryDirectory;
        // --help only reads: it takes no lock and keeps the last run's log, so it answers at once, even while a build
        // runs and when the temp folder cannot be written.
        var usesTemp = services.WriteLogFile && !invocation.IsHelp;
        var unwritable = usesTemp ? Unwritable(temp) : null;
        if (unwritable is not null)
        {
            services.Console.Out.WriteLine($"The build cannot write to {temp} ({TemporaryFolderError.Reason(unwritable)}); it keeps its log, caches and credentials there: {TemporaryFolderError.Fix(unwritable)} and run again.");
            return 1;
        }

        using var runLock = usesTemp ? RunLock.Acquire(temp, services.Console, services.Cancellation.Token) : null;
        if (usesTemp && runLock is null)
            return 130;

        using var logger = new BuildLogger(services.Console, redactor, usesTemp ? (temp / "build.log").Value : null);
        using var staticLog = AmbientLog.Use(logger.Logger);
        try
        {
            var session = Create(create(), host, invocation, layout, logger, redactor, defaultTarget);
            var exit = Raise(session, e => e.OnBuildCreated(session));
            if (exit is not null)
                return exit.Value;

            Bind(session);
            session.Plan = Plan(session);
            exit = Raise(session, e => e.OnBuildInitialized(session)) ?? Requirements.Check(session);
            if (exit is not null)
                return exit.Value;

            session.Record = await Execute(session);
            Raise(session, e =>
            {
                e.OnBuildFinished(session, session.Record);
                return null;
            });
            return session.Record.ExitCode;
        }
        catch (BuildException error)
        {
            logger.Logger.Error("{Message}", error.Message);
            return 1;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Outside any target (an extension, a parameter's type): still one line, the stack trace in build.log.
            logger.Logger.Error("The build stopped on an unexpected {Type}: {Message}", error.GetType().Name, error.Message);
            logger.Logger.Debug(error, "Unexpected error");
            return 1;
        }
    }

    /// <summary>Bytes the temp folder must take at the start: an empty file fits on a full disk, a run's log and state do not.</summary>
    private const int ProbeSize = 64 * 1024;

    /// <summary>Why the temp folder cannot be written (read-only, full, not a folder), or null when it can.</summary>
    private static Exception? Unwritable(AbsolutePath temp)
    {
        try
        {
            Directory.CreateDirectory(temp);
            var probe = temp / $".write-{Environment.ProcessId}";
            try
            {
                using var stream = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
                stream.Write(new byte[ProbeSize]);
            }
            finally
            {
                File.Delete(probe);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e;
        }
    }

    /// <summary>
    /// The entry point of a real process: Ctrl-C, SIGTERM and SIGHUP (its terminal closed) cancel the build instead of
    /// killing it, so its cleanup, assured targets and summary still run.
    /// </summary>
    public int RunFromProcess(Func<KeelBuild> create, IReadOnlyList<string> args, string? defaultTarget)
    {
        var cancellation = services.Cancellation;
        void OnSignal(PosixSignalContext context)
        {
            if (cancellation.IsCancellationRequested)
                return; // A second Ctrl-C falls through to the default: the process ends now.
            context.Cancel = true;
            cancellation.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
        return RunAsync(create, args, defaultTarget).GetAwaiter().GetResult();
    }

    private BuildSession Create(KeelBuild build, Host host, Invocation invocation, BuildLayout layout, BuildLogger logger, Redactor redactor, string? defaultTarget)
    {
        var log = logger.Logger;
        // A launch profile's target is for this build, not for the tools (or builds) it starts.
        var toolEnvironment = services.Environment.ContainsKey(Extensions.LaunchSettingsRenderer.TargetVariable)
            ? services.Environment.Where(e => e.Key != Extensions.LaunchSettingsRenderer.TargetVariable).ToDictionary()
            : services.Environment;
        var runner = new ProcessRunner(log, toolEnvironment, redactor, services.Cancellation.Token);
        var upToDate = new Incremental.UpToDateCheck(layout);
        var contexts = new TargetContexts(log, runner, upToDate, services.Clock);
        build.Attach(new BuildContext(layout, log, services.Environment, new ToolResolver(services.Environment), contexts));
        var parameters = ParameterDiscovery.Discover(build);
        var targets = TargetDiscovery.Discover(build, defaultTarget);
        var all = BuildExtensions.For(build.GetType(), [.. StandardExtensions.Create(), .. extensions ?? []]);
        return new BuildSession(build, host, invocation, services, logger, redactor, layout, targets, parameters, all) { UpToDate = upToDate, TargetContexts = contexts };
    }

    private void Bind(BuildSession session)
    {
        var binder = new ParameterBinder(services.Environment, session.NukeDirectory, session.RootDirectory, session.Redactor, session.Log);
        session.Binding = binder.Bind(session.Build, session.Parameters, session.Invocation, session.ExtensionOptions.Select(o => o.Name));
        session.Logger.Verbosity = session.Options.Verbosity;
    }

    private ExecutionPlan Plan(BuildSession session)
    {
        var profile = services.Environment.GetValueOrDefault(Extensions.LaunchSettingsRenderer.TargetVariable);
        var invoked = session.Options.InvokedTargets.Length > 0
            ? session.Options.InvokedTargets.Select(name => Resolve(session, name, "target")).ToList()
            : profile is { Length: > 0 }
                ? [Resolve(session, profile, $"target of the launch profile ({Extensions.LaunchSettingsRenderer.TargetVariable})")]
                : [session.DefaultTarget?.Name ?? throw new BuildException("No target was given and the build has no default target; name one, e.g. ./build.sh Compile.")];
        var skip = session.Options.SkippedTargets?.Select(name => Resolve(session, name, "--skip")).ToList();
        var forced = session.Options.ForcedTargets?.Select(name => Resolve(session, name, "--force")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        session.UpToDate.Forced = forced is null ? _ => false : forced.Count == 0 ? _ => true : forced.Contains;
        return Planner.Plan(session.Graph, invoked, skip, StaticSkipReason);
    }

    private static string? StaticSkipReason(TargetDefinition target)
    {
        foreach (var condition in target.StaticConditions)
        {
            bool holds;
            try
            {
                holds = condition.Evaluate();
            }
            catch (Exception e) when (e is not BuildException)
            {
                throw new BuildException($"The condition '{condition.Text}' of target {target.Name} threw {e.GetType().Name}: {e.Message}");
            }

            if (!holds)
                return condition.Text;
        }

        return null;
    }

    private static string Resolve(BuildSession session, string name, string source)
    {
        if (session.Graph.TryFind(name, out var target))
            return target.Name;
        var suggestion = NameSuggester.Closest(name, session.ListedTargets.Select(t => t.Name)) is { } close ? $"; did you mean '{close}'?" : ".";
        throw new BuildException($"Unknown {source} '{name}'{suggestion} Run with --help to list the targets.");
    }

    private async Task<RunRecord> Execute(BuildSession session)
    {
        var executor = new Executor(session.Log, services.Clock, services.Cancellation, session.TargetContexts, session.UpToDate, session.Options.ContinueAfterFailure);
        executor.TargetRunning += run => Raise(session, e =>
        {
            e.OnTargetRunning(session, run);
            return null;
        });
        executor.TargetFinished += run => Raise(session, e =>
        {
            e.OnTargetFinished(session, run);
            return null;
        });
        return await executor.RunAsync(session.Plan!);
    }

    private static int? Raise(BuildSession session, Func<IBuildExtension, int?> handler)
    {
        foreach (var extension in session.Extensions)
        {
            if (handler(extension) is { } exit)
                return exit;
        }

        return null;
    }

    /// <summary>The root --root names (relative to the working directory), or null after saying what is wrong with it.</summary>
    private AbsolutePath? GivenRoot(IReadOnlyList<string> values)
    {
        if (values.Count != 1)
        {
            services.Console.Out.WriteLine("--root takes one folder: the repository's root, e.g. --root ../shop.");
            return null;
        }

        var root = AbsolutePath.Create(values[0], services.WorkingDirectory);
        if (root.DirectoryExists())
            return root;
        services.Console.Out.WriteLine($"--root {values[0]} is not a folder ({root}); give the repository's root, the folder that holds {BuildLayout.MarkerDirectory}/.");
        return null;
    }

    /// <summary>The nearest folder holding .nuke/ above the working directory, else above the build program.</summary>
    private AbsolutePath? FindRoot()
    {
        foreach (var start in new[] { services.WorkingDirectory, services.ProgramDirectory })
        {
            for (var directory = start is null ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (Directory.Exists(Path.Combine(directory.FullName, BuildLayout.MarkerDirectory)))
                    return AbsolutePath.Create(directory.FullName);
            }
        }

        return null;
    }
}
