namespace Keel.Incremental;

/// <summary>What a target declares it reads and writes; a target that declares no inputs always runs.</summary>
internal sealed record IncrementalDeclaration
{
    /// <summary>Files, folders and globs relative to the root, read when the check is made.</summary>
    public IReadOnlyList<Func<IEnumerable<string>>> Inputs { get; init; } = [];

    /// <summary>Values the result depends on: parameters, tool versions, environment variables, command lines.</summary>
    public IReadOnlyList<(string Name, Func<object?> Value)> Values { get; init; } = [];

    /// <summary>Files, folders and globs the target writes; they must still be there, unchanged, for it to be up to date.</summary>
    public IReadOnlyList<Func<IEnumerable<string>>> Outputs { get; init; } = [];

    /// <summary>Values that stand for what the target made outside the file system (an image's id): unchanged, or it runs.</summary>
    public IReadOnlyList<(string Name, Func<object?> Value)> OutputValues { get; init; } = [];

    public bool IsDeclared => Inputs.Count > 0 || Values.Count > 0;
}
