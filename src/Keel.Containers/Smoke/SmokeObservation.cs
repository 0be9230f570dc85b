namespace Keel.Containers;

/// <summary>What a smoke test saw of a container that did not pass: it exited, nothing answered, or an answer it does not take.</summary>
internal abstract record SmokeObservation;

/// <summary>The container stopped before it answered.</summary>
internal sealed record ContainerExited(int ExitCode) : SmokeObservation;

/// <summary>The container ran, and nothing answered on the port.</summary>
internal sealed record NoAnswer : SmokeObservation;

/// <summary>The app's last answer, whose status the check does not take (5xx; anything but 200 where the version is read).</summary>
internal sealed record RefusedAnswer(int Status, string? Reason) : SmokeObservation;
