using System.Reflection;
using System.Text.RegularExpressions;
using Keel.Parameters;
using Keel.Tests.Support;

namespace Keel.Tests;

/// <summary>
/// The engine packages are for any repository: Keel and Keel.Components know nothing of containers, and no package
/// knows this repository's app or its build's parameters. Read from the compiled assemblies (what they reference,
/// the types and members they use, the names they declare, the strings reflection would look up by), so a comment
/// cannot fail it and a dependency made by reflection cannot pass it.
/// </summary>
public class PackageBoundaryTests
{
    private static readonly string[] Packages = ["Keel", "Keel.Components", "Keel.Containers", "Keel.GlobalTool"];

    /// <summary>Everything each package may use beyond the .NET runtime. A new dependency is a decision: add it here.</summary>
    [Theory]
    [InlineData("Keel", "Serilog Serilog.Sinks.File YamlDotNet")]
    [InlineData("Keel.Components", "Keel Serilog")]
    [InlineData("Keel.Containers", "Keel Keel.Components Serilog")]
    [InlineData("Keel.GlobalTool", "")]
    public void EachPackageUsesOnlyTheAssembliesItMay(string package, string allowed)
    {
        var assembly = CompiledAssembly.Package(package);

        var unexpected = assembly.NonFrameworkReferences.Except(allowed.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(reference => $"{reference}: {string.Join(", ", assembly.Used.Where(u => u.Assembly == reference).Select(u => u.Name).Take(10))}");

        AssertNone(unexpected);
    }

    /// <summary>
    /// The layers, as references and as string literals: a type or assembly named in a string is how reflection would
    /// reach past them (<c>Type.GetType("Keel.Containers...")</c>, <c>Assembly.Load("Store")</c>).
    /// </summary>
    [Theory]
    [InlineData("Keel", "Keel.Components Keel.Containers Keel.GlobalTool Store")]
    [InlineData("Keel.Components", "Keel.Containers Keel.GlobalTool Store")]
    [InlineData("Keel.Containers", "Keel.GlobalTool Store")]
    [InlineData("Keel.GlobalTool", "Keel.Containers Store")]
    public void NoPackageReachesALayerAboveItOrTheApp(string package, string forbidden)
    {
        var assembly = CompiledAssembly.Package(package);
        var above = forbidden.Split(' ');

        var referenced = assembly.References.Where(r => above.Contains(r) || r.StartsWith("Store.", StringComparison.Ordinal) || (package is "Keel" or "Keel.Components" && r.Contains("Docker", StringComparison.OrdinalIgnoreCase)));
        var named = assembly.Literals.Where(literal => above.Any(name => NamesAssemblyOrType(literal, name)));

        AssertNone(referenced.Concat(named.Select(literal => $"\"{literal}\"")));
    }

    /// <summary>
    /// Nothing the engine and its components declare or say names Docker, a registry, apt or ghcr: not a type, member
    /// or namespace, not a message, not a string a tool or reflection would use. One exception: the list of other
    /// tools' environment variables (DOCKER_HOST among them), named only so that a parameter of the same name does not
    /// read them.
    /// </summary>
    [Theory]
    [InlineData("Keel")]
    [InlineData("Keel.Components")]
    public void TheEngineAndItsComponentsKnowNoDockerRegistryOrApt(string package)
    {
        var assembly = CompiledAssembly.Package(package);
        var toolVariables = ToolVariables.All.SelectMany(v => new[] { v.Variable, v.Tool }).ToHashSet();
        var docker = new Regex(@"docker|registr(y|ies)|apt-get|\bapt\b|ghcr", RegexOptions.IgnoreCase);

        var mentions = assembly.Declared.Select(Words).Where(words => docker.IsMatch(words)).Select(words => $"declares {words}")
            .Concat(assembly.Used.Where(u => docker.IsMatch(Words(u.Name))).Select(u => $"uses {u.Name}"))
            .Concat(assembly.Literals.Where(literal => docker.IsMatch(literal) && !toolVariables.Contains(literal)).Select(literal => $"says \"{literal}\""));

        AssertNone(mentions);
    }

    /// <summary>
    /// The one part read from source text: each package's README ships in the package, not in the assembly, and the
    /// engine's and components' READMEs are for any repository too.
    /// </summary>
    [Theory]
    [InlineData("Keel")]
    [InlineData("Keel.Components")]
    public void TheEngineAndItsComponentsReadmesKnowNoDockerRegistryOrApt(string package)
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "src", package, "README.md"));

        Assert.Empty(Regex.Matches(readme, @"docker|registr(y|ies)|apt-get|\bapt\b|ghcr|\bStore\b", RegexOptions.IgnoreCase).Select(m => m.Value));
    }

    /// <summary>
    /// The packages' tests and the test program start builds through the host, which is internal (a build starts with
    /// KeelBuild.Execute); no package sees the engine's internals, so Keel.Components and Keel.Containers use what any build may.
    /// </summary>
    [Fact]
    public void OnlyTheEnginesOwnTestsSeeItsInternals()
    {
        var friends = typeof(KeelBuild).Assembly.GetCustomAttributes<System.Runtime.CompilerServices.InternalsVisibleToAttribute>().Select(a => a.AssemblyName);

        Assert.Equal(["Keel.Components.Tests", "Keel.Containers.Tests", "Keel.TestProgram", "Keel.Tests"], friends.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(typeof(KeelBuild).Assembly.GetReferencedAssemblies(), a => a.Name is "Keel.Containers" or "Keel.Components");
    }

    /// <summary>Fails with every finding on a line of its own, where Assert.Empty would cut them short.</summary>
    private static void AssertNone(IEnumerable<string> findings)
    {
        var all = findings.ToList();
        Assert.True(all.Count == 0, string.Join(Environment.NewLine, all));
    }

    /// <summary>Whether a string names the assembly or a type in it: <c>Store</c>, <c>Store.Program</c>, <c>..., Store</c>.</summary>
    private static bool NamesAssemblyOrType(string literal, string assembly) =>
        literal == assembly || Regex.IsMatch(literal, $@"(^|[^\w.]){Regex.Escape(assembly)}\.[A-Z]|,\s*{Regex.Escape(assembly)}\b");

    /// <summary>A declared name split into its words (<c>AptGetInstall</c> is <c>Apt Get Install</c>).</summary>
    private static string Words(string name) => Regex.Replace(name, "(?<=[a-z0-9])(?=[A-Z])", " ");
}
