using Keel.Parameters;

namespace Keel.CommandLine;

/// <summary>The command line, split into target names and options; nothing is interpreted yet.</summary>
internal sealed record Invocation(IReadOnlyList<string> Targets, IReadOnlyList<CommandLineOption> Options)
{
    /// <summary>Options that never take a value: words after them are target names (<c>--plan Test</c>).</summary>
    private static readonly string[] Switches = ["help", "h", "?", "plan", "continue", "no-logo", "nologo"];

    public static Invocation Parse(IReadOnlyList<string> args)
    {
        var targets = new List<string>();
        var options = new List<CommandLineOption>();
        List<string>? values = null;
        foreach (var arg in args)
        {
            if (IsOption(arg))
            {
                var name = arg.TrimStart('-');
                var equals = name.IndexOf('=');
                values = [];
                if (equals >= 0)
                {
                    values.Add(name[(equals + 1)..]);
                    name = name[..equals];
                }

                options.Add(new CommandLineOption(name, values));
                if (equals < 0 && Switches.Contains(name))
                    values = null;
            }
            else if (values is not null)
            {
                values.Add(arg);
            }
            else
            {
                targets.Add(arg);
            }
        }

        return new Invocation(targets, options);
    }

    public bool Has(string name) => Find(name) is not null;

    /// <summary>The option with this name (compared without case and dashes), or null.</summary>
    public CommandLineOption? Find(string name)
    {
        var key = ParameterNames.Normalize(name);
        return Options.LastOrDefault(o => ParameterNames.Normalize(o.Written) == key);
    }

    public bool IsHelp => Has("help") || Options.Any(o => o.Written is "h" or "?");

    private static bool IsOption(string arg) =>
        arg.Length > 1 && arg[0] == '-' && !char.IsDigit(arg[1]) && arg[1] != '.';
}
