using System.Text.RegularExpressions;

namespace Keel.Containers;

/// <summary>
/// Pure: a <c>dotnet restore</c> inside an image build that could not get its packages (NuGet's NU1301: a source does
/// not answer or is not trusted; NU1101: no source has the package; NU1100: it cannot be resolved from the sources),
/// said in one line with the fix, instead of the builder's exit code.
/// </summary>
internal static partial class RestoreFailure
{
    /// <summary>The one line for the build's output, or null when no restore failed in it.</summary>
    public static string? Explain(string dockerfile, IEnumerable<string> output)
    {
        var first = output.Select(line => NuGetError().Match(line)).FirstOrDefault(m => m.Success);
        if (first is null)
            return null;
        var (code, detail) = (first.Groups[1].Value, first.Groups[2].Value.Trim().TrimEnd('.'));
        var what = code == "NU1301"
            ? "could not reach its package source"
            : "could not find a package in the package sources it sees";
        return $"'dotnet restore' inside the image build of {dockerfile} {what} ({code}: {detail}); containers on this machine must reach that source "
            + "(the sdk stand-in trusts this machine's CA store; a proxy or a private feed needs its nuget.config in the build context), "
            + "or restore and publish on the host and COPY the output into the image.";
    }

    [GeneratedRegex(@"error (NU1301|NU1101|NU1100): (.*)$")]
    private static partial Regex NuGetError();
}
