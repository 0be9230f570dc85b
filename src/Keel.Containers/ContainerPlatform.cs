namespace Keel.Containers;

/// <summary>Pure: which platform an image is built for, and whether the engine at hand can run it.</summary>
public static class ContainerPlatform
{
    /// <summary>
    /// True when an image built for <paramref name="requested"/> runs on an engine of <paramref name="engine"/>
    /// (both os/arch[/variant]; no request means the engine's own). A variant the engine does not name is ignored,
    /// as the engine reports none: linux/arm64/v8 runs on linux/arm64.
    /// </summary>
    public static bool RunsOn(string? requested, string engine)
    {
        if (string.IsNullOrWhiteSpace(requested))
            return true;
        var want = requested.Trim().ToLowerInvariant().Split('/');
        var have = engine.Trim().ToLowerInvariant().Split('/');
        return want.Length >= 2 && have.Length >= 2 && want[0] == have[0] && want[1] == have[1]
            && (want.Length == 2 || have.Length == 2 || want[2] == have[2]);
    }
}
