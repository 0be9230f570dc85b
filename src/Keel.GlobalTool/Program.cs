using System.Diagnostics;
using System.Runtime.InteropServices;
using Keel.GlobalTool;

return args switch
{
    [":complete", .. var words] => Completion.Complete(Directory.GetCurrentDirectory(), words),
    [":completion", var shell] => Completion.Script(shell),
    [":completion"] => Completion.Script("bash"),
    _ => Run(args),
};

static int Run(string[] args)
{
    var root = Root.Find(Directory.GetCurrentDirectory());
    if (root is null)
    {
        Console.Error.WriteLine($"nuke: no .nuke folder in {Directory.GetCurrentDirectory()} or above it; run nuke inside a repository whose build Keel runs.");
        return 1;
    }

    var start = Root.Script(root) ?? throw new InvalidOperationException("unreachable");
    if (start.FileName.Length == 0)
    {
        Console.Error.WriteLine($"nuke: {root} has no build.sh, build.cmd or build.ps1 to start the build with; add the one your platform runs.");
        return 1;
    }

    foreach (var arg in args)
        start.ArgumentList.Add(arg);
    using var build = Process.Start(start)!;

    // Ctrl-C reaches the build too (the terminal signals the whole process group); nuke waits for it to finish.
    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
    {
        context.Cancel = true;
        if (!build.HasExited)
            Process.Start("kill", ["-TERM", build.Id.ToString()])?.Dispose();
    });
    build.WaitForExit();
    return build.ExitCode;
}
