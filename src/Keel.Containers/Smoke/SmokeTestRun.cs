using System.Diagnostics;
using System.Text.Json;
using Keel.Tooling;
using Serilog;

namespace Keel.Containers;

/// <summary>
/// One smoke test of a local image: read its config (platform, ports, environment), run it with the port published on
/// 127.0.0.1, ask until the check passes, the container exits, its log shows the app listening where the test cannot
/// reach it, or the time is up; then remove it. A failure is one line (<see cref="SmokeFailure"/>).
/// </summary>
/// <param name="docker">The docker command line.</param>
/// <param name="enginePlatform">The engine's own platform: whether another platform's image runs under emulation, and the architecture an image run natively reports.</param>
/// <param name="log">The build's log.</param>
/// <param name="cancellation">The build's Ctrl-C: it ends every wait at once, and the container is removed all the same.</param>
internal sealed class SmokeTestRun(DockerTool docker, Func<ContainerPlatform> enginePlatform, ILogger log, CancellationToken cancellation)
{
    /// <summary>How long an app whose log says it listens elsewhere is given to start listening on the port after all.</summary>
    private static readonly TimeSpan ElsewhereGrace = TimeSpan.FromSeconds(3);

    /// <summary>How often the container's state and log are read while nothing answers.</summary>
    private static readonly TimeSpan LookInterval = TimeSpan.FromSeconds(1);

    /// <summary>The least a request is given, also when the time limit is nearly spent.</summary>
    private static readonly TimeSpan MinimumWait = TimeSpan.FromSeconds(1);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private const int LogLines = 20;

    /// <summary>How many times the check's time limit an image run under emulation is given: its app starts many times slower.</summary>
    public const int EmulatedAllowance = 3;

    /// <summary>The time limit of one smoke test: the check's own, <see cref="EmulatedAllowance"/> times that under emulation.</summary>
    public static TimeSpan TimeLimit(SmokeCheck check, bool emulated) => emulated ? check.Timeout * EmulatedAllowance : check.Timeout;

    /// <summary>
    /// Smoke-tests the image <paramref name="reference"/> names, or the image <paramref name="id"/> where given (what this
    /// run built, whatever another run on the same engine has tagged since); its messages name the reference.
    /// </summary>
    public void Run(string reference, SmokeCheck check, ContainerPlatform? platform, string? id = null)
    {
        if (check.Problem() is { } problem)
            throw new BuildException(problem);
        var image = Inspect(reference, id ?? reference);
        if (platform is not null && !platform.RunsOn(image.Platform))
            throw new BuildException($"{reference} is an image for {(image.Platform.Trim('/').Length > 0 ? image.Platform : "no platform")}, not {platform}; the base image for {platform} is wrong, remove it (docker image rm) and build again.");
        if (platform is not null && !platform.RunsOn(enginePlatform().ToString()))
        {
            check = check with { Timeout = TimeLimit(check, emulated: true) };
            log.Information("{Platform} runs under emulation here: its smoke test is given {Limit} s, {Allowance} times the check's time limit.", platform, check.Timeout.TotalSeconds, EmulatedAllowance);
        }

        var port = SmokePort.Choose(check.Port, image);
        var failure = new SmokeFailure(reference, check, port, image);

        // Named before it starts, so that it can be removed even when Ctrl-C comes while docker is still starting it;
        // labelled with this run, so that a later run removes it when this one is killed before its cleanup.
        var container = $"keel-smoke-{Guid.NewGuid():N}"[..24];
        var clock = Stopwatch.StartNew();
        try
        {
            docker.Run([
                "run", "--detach", "--name", container, "--publish", $"127.0.0.1::{port.Number}", .. RunOwner.ThisProcess().LabelArguments,
                .. platform is null ? Array.Empty<string>() : ["--platform", platform.ToString()],
                id ?? reference]);
            var (answer, seen) = Watch(container, check, port, clock);
            if (answer is null)
            {
                var lines = Logs(container);
                if (lines.Count > 0)
                    log.Information("The last lines {Reference} logged:{NewLine}{Log}", reference, Environment.NewLine, string.Join(Environment.NewLine, lines));
                throw new BuildException(failure.Describe(seen, lines, clock.Elapsed));
            }

            Judge(reference, check, platform, port, answer, clock.Elapsed);
        }
        finally
        {
            // Also after Ctrl-C: no container is left running.
            docker.Cleanup("rm", "--force", container);
        }
    }

    /// <summary>The image's platform, ports and environment; an image that is not there fails in one line.</summary>
    private ImageConfig Inspect(string reference, string image)
    {
        var inspected = docker.Query("image", "inspect", image);
        if (inspected.ExitCode != 0)
            throw new BuildException($"There is no image {reference} in the Docker engine's store ({inspected.StandardError.Trim()}); build it first.");
        try
        {
            return ImageConfig.Parse(inspected.StandardOutput);
        }
        catch (Exception e) when (e is JsonException or IndexOutOfRangeException or InvalidOperationException)
        {
            throw new BuildException($"docker image inspect {reference} did not describe the image ({e.Message}); is the docker client on PATH the real one?");
        }
    }

    /// <summary>
    /// Asks until an answer passes (returned with its body), or returns what was seen last: the container exited, its log
    /// shows the app listening elsewhere for <see cref="ElsewhereGrace"/>, or the time is up.
    /// </summary>
    private (Answer? Answer, SmokeObservation Seen) Watch(string container, SmokeCheck check, SmokePort port, Stopwatch clock)
    {
        // A request may take what is left of the time limit: an app's first answer can take many seconds (under
        // emulation, on a busy machine), and asking again would only start it over. Refused connections fail at once.
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        string? address = null;
        SmokeObservation seen = new NoAnswer();
        TimeSpan? looked = null, elsewhereSince = null;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            address ??= Published(container, port);
            if (address is not null && Ask(http, $"http://{address}{check.Path}", check.ReadsVersion, Max(check.Timeout - clock.Elapsed, MinimumWait)) is { } answer)
            {
                if (check.Accepts(answer.Status))
                    return (answer, seen);
                seen = new RefusedAnswer(answer.Status, answer.Reason);
            }
            else if (looked is null || clock.Elapsed - looked >= LookInterval)
            {
                looked = clock.Elapsed;
                if (Exited(container) is { } code)
                    return (null, new ContainerExited(code));
                // Only where nothing has answered yet: an app that answers is where the test reaches it.
                if (seen is NoAnswer && ListeningAddress.Elsewhere(Logs(container), port.Number) is not null)
                {
                    elsewhereSince ??= clock.Elapsed;
                    if (clock.Elapsed - elsewhereSince >= ElsewhereGrace)
                        return (null, seen);
                }
            }

            if (clock.Elapsed >= check.Timeout)
                return (null, seen);
            cancellation.WaitHandle.WaitOne(250);
        }
    }

    /// <summary>An answer (its body only where it is read), or null when none came (refused, closed, timed out). Ctrl-C is not swallowed.</summary>
    private Answer? Ask(HttpClient http, string url, bool readBody, TimeSpan wait)
    {
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            limit.CancelAfter(wait);
            using var response = http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, limit.Token).GetAwaiter().GetResult();
            var body = readBody ? response.Content.ReadAsStringAsync(limit.Token).GetAwaiter().GetResult() : "";
            return new Answer((int)response.StatusCode, response.ReasonPhrase, body);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellation.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Where on 127.0.0.1 the engine published the port; null until it has (or once the container is gone).</summary>
    private string? Published(string container, SmokePort port) =>
        docker.Query("port", container, $"{port.Number}/tcp").StandardOutput.Split('\n')[0].Trim() is { Length: > 0 } address ? address : null;

    /// <summary>The container's exit code once it stopped; null while it runs.</summary>
    private int? Exited(string container)
    {
        var state = docker.Query("inspect", "--format", "{{.State.Running}} {{.State.ExitCode}}", container);
        var fields = state.StandardOutput.Trim().Split(' ');
        return state.ExitCode == 0 && fields is ["false", var code] && int.TryParse(code, out var exitCode) ? exitCode : null;
    }

    /// <summary>The container's last log lines, both streams.</summary>
    private IReadOnlyList<string> Logs(string container) =>
        [.. docker.Query("logs", "--tail", LogLines.ToString(System.Globalization.CultureInfo.InvariantCulture), container).Output.Select(l => l.Text)];

    /// <summary>A passing answer: for a version check, the version and architecture it reports must be the image's.</summary>
    private void Judge(string reference, SmokeCheck check, ContainerPlatform? platform, SmokePort port, Answer answer, TimeSpan elapsed)
    {
        if (!check.ReadsVersion)
        {
            log.Information("Smoke test passed in {Seconds:0.0} s: {Reference} answers GET {Path} on {Port} with {Status}.",
                elapsed.TotalSeconds, reference, check.Path, port.ToString(), $"{answer.Status} {answer.Reason}".Trim());
            return;
        }

        string? version, architecture;
        try
        {
            using var body = JsonDocument.Parse(answer.Body);
            string? Field(string? name) => name is not null && body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty(name, out var value) ? value.ToString() : null;
            (version, architecture) = (Field(check.VersionField), Field(check.ArchitectureField));
        }
        catch (JsonException)
        {
            throw new BuildException($"{reference} answers GET {check.Path} with 200, but not with JSON; the smoke check reads {check.VersionField} from a JSON object there.");
        }

        if (version != check.ExpectedVersion)
            throw new BuildException($"{reference} answers {check.Path} with {check.VersionField} '{version}', expected '{check.ExpectedVersion}'.");
        if (check.ArchitectureField is { } architectureField)
        {
            var expected = (platform ?? enginePlatform()).ProcessArchitecture;
            if (!string.Equals(architecture, expected, StringComparison.OrdinalIgnoreCase))
                throw new BuildException($"{reference} answers {check.Path} with {architectureField} '{architecture}', expected '{expected}': the app does not run as a {platform ?? enginePlatform()} process.");
        }

        log.Information("Smoke test passed in {Seconds:0.0} s: {Reference} answers {Path} with version {Version}{Architecture}.",
            elapsed.TotalSeconds, reference, check.Path, version, architecture is null ? "" : $" on {architecture}");
    }

    private sealed record Answer(int Status, string? Reason, string Body);
}
