using Keel.Parameters;

namespace Keel;

/// <summary>
/// A parameter's value is wrong. Thrown where the value is checked (a URL that is no URL, a name a tool does not
/// take), it is reported as one line naming the parameter and where its value came from, as binding errors are:
/// <c>Parameter --api-url (from environment variable API_URL) 'x y' is not a URL; give https://host/path</c>.
/// </summary>
public sealed class ParameterException(string parameter, string problem) : BuildException($"Parameter {ParameterNames.CommandLine(parameter)} {problem}")
{
    /// <summary>The parameter's name as the build declares it (ApiUrl, PackageName).</summary>
    public string Parameter { get; } = parameter;

    /// <summary>What is wrong with the value and how to fix it.</summary>
    public string Problem { get; } = problem;

    /// <summary>The line, with where the value came from.</summary>
    internal string WithSource(string? source) => source is null ? Message : $"Parameter {ParameterNames.CommandLine(Parameter)} (from {source}) {Problem}";
}
