using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Keel.Tests.Support;

namespace Keel.Tests;

/// <summary>
/// The engine packages are for any repository: Keel and Keel.Components know nothing of containers, and no package
/// knows this repository's app or its build's parameters. Read from the sources and the compiled references.
/// </summary>
public class PackageBoundaryTests
{
    private static IEnumerable<(string File, string Text)> Sources(params string[] projects) =>
        projects.SelectMany(project => Directory.EnumerateFiles(Path.Combine(Repository.Root, "src", project), "*", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Where(file => Path.GetExtension(file) is ".cs" or ".csproj" or ".md")
            .Select(file => (Path.GetRelativePath(Repository.Root, file), File.ReadAllText(file))));

    [Theory]
    [InlineData("Keel")]
    [InlineData("Keel.Components")]
    public void TheEngineAndItsComponentsKnowNoDockerRegistryOrApt(string project)
    {
        // One exception: the list of other tools' environment variables (DOCKER_HOST among them), which it names only
        // so that a parameter of the same name does not read them.
        var toolVariables = Path.Combine("src", "Keel", "Parameters", "ToolVariables.cs");
        var mentions = Sources(project)
            .Where(source => source.File != toolVariables)
            .SelectMany(source => Regex.Matches(source.Text, @"docker|registr(y|ies)|apt-get|\bapt\b|ghcr", RegexOptions.IgnoreCase).Select(m => $"{source.File}: {m.Value}"))
            .ToList();

        Assert.Empty(mentions);
    }

    [Fact]
    public void NoEnginePackageMentionsTheApp()
    {
        var mentions = Sources("Keel", "Keel.Components", "Keel.Containers")
            .SelectMany(source => Regex.Matches(source.Text, @"\bStore\b").Select(_ => source.File))
            .ToList();

        Assert.Empty(mentions);
    }

    [Fact]
    public void NoEnginePackageNamesThisBuildsParameters()
    {
        // The parameters build/ declares itself (the components' parameters are the packages' own). Configuration is the
        // components' contract (IHazConfiguration) and dotnet's option of the same name, so it may be named.
        var declared = Directory.EnumerateFiles(Path.Combine(Repository.Root, "build"), "*.cs")
            .SelectMany(file => Regex.Matches(File.ReadAllText(file), @"\[Parameter\b[^\n]*\n\s*(?:(?:public|private|internal|readonly|static)\s+)*[\w<>\[\]?.,]+\s+(\w+)"))
            .Select(match => match.Groups[1].Value)
            .ToList();
        Assert.Contains("Configuration", declared);
        var options = declared
            .Where(name => name != "Configuration")
            .Select(name => "--" + Regex.Replace(Regex.Replace(name, "GitHub", "Github"), "(?<=[a-z0-9])([A-Z])", "-$1").ToLowerInvariant())
            .ToList();

        var mentions = Sources("Keel", "Keel.Components", "Keel.Containers")
            .SelectMany(source => options.Where(option => Regex.IsMatch(source.Text, Regex.Escape(option) + @"\b")).Select(option => $"{source.File}: {option}"))
            .ToList();

        Assert.Empty(mentions);
    }

    [Fact]
    public void OnlyTheEnginesOwnTestsSeeItsInternals()
    {
        var friends = typeof(KeelBuild).Assembly.GetCustomAttributes<System.Runtime.CompilerServices.InternalsVisibleToAttribute>().Select(a => a.AssemblyName);

        Assert.Equal(["Keel.Tests"], friends);
        Assert.DoesNotContain(typeof(KeelBuild).Assembly.GetReferencedAssemblies(), a => a.Name is "Keel.Containers" or "Keel.Components");
    }
}
