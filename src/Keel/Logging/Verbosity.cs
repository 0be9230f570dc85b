namespace Keel;

/// <summary>How much the console shows; the file log always has everything.</summary>
internal enum Verbosity
{
    /// <summary>Errors and the summary.</summary>
    Quiet,

    /// <summary>Warnings, errors and the summary.</summary>
    Minimal,

    /// <summary>Target blocks, tool output, warnings and errors.</summary>
    Normal,

    /// <summary>Everything, including command lines, debug messages and stack traces.</summary>
    Verbose,
}
