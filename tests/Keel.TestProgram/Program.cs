using System.Diagnostics;
using Keel.TestProgram;

// Standing in for a tool (DOTNET_EXE=this program): record the arguments it was given, one line per call; answer
// --version with TEST_PROGRAM_VERSION, and fail the command named by TEST_PROGRAM_FAIL.
if (Environment.GetEnvironmentVariable("TEST_PROGRAM_RECORD") is { Length: > 0 } record)
{
    if (args is ["--version"])
    {
        Console.Out.WriteLine(Environment.GetEnvironmentVariable("TEST_PROGRAM_VERSION") ?? "10.0.100");
        return 0;
    }

    var key = Environment.GetEnvironmentVariable("NUGET_API_KEY") is { } apiKey ? $" (NUGET_API_KEY={apiKey})" : "";
    File.AppendAllLines(record, [string.Join('|', args) + key]);
    return args.FirstOrDefault() is { } command && command == Environment.GetEnvironmentVariable("TEST_PROGRAM_FAIL") ? 1 : 0;
}

// Each mode is one behaviour a process runner has to cope with.
switch (args.FirstOrDefault())
{
    case "lines":
        // Interleaved standard output and standard error.
        for (var i = 1; i <= int.Parse(args[1]); i++)
        {
            Console.Out.WriteLine($"out {i}");
            Console.Out.Flush();
            Console.Error.WriteLine($"err {i}");
            Console.Error.Flush();
        }

        return 0;
    case "exit":
        Console.Out.WriteLine($"exiting with {args[1]}");
        return int.Parse(args[1]);
    case "stdin":
        Console.Out.WriteLine($"got: {Console.In.ReadToEnd()}");
        return 0;
    case "env":
        Console.Out.WriteLine($"{args[1]}={Environment.GetEnvironmentVariable(args[1]) ?? "<unset>"}");
        return 0;
    case "echo":
        Console.Out.WriteLine(string.Join(' ', args.Skip(1)));
        return 0;
    case "sleep":
        // Writes its process id, then waits to be killed.
        File.WriteAllText(args[1], Environment.ProcessId.ToString());
        Thread.Sleep(TimeSpan.FromMinutes(2));
        return 0;
    case "spawn":
        // Starts a grandchild that sleeps, then sleeps itself: killing must take the whole tree.
        using (Process.Start(Self.StartInfo("sleep", args[1])))
            Thread.Sleep(TimeSpan.FromMinutes(2));
        return 0;
    case "build":
        return SampleBuild.Run(args[1..]);
    case "engine":
        return EngineBuild.Run(args[1..]);
    default:
        Console.Error.WriteLine("usage: Keel.TestProgram lines N | exit CODE | stdin | env NAME | echo WORDS | sleep PIDFILE | spawn PIDFILE | build ARGS | engine ARGS");
        return 2;
}
