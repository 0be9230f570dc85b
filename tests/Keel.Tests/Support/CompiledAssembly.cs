using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

namespace Keel.Tests.Support;

/// <summary>
/// What a compiled package assembly uses, read from its metadata without loading it: the assemblies it references,
/// the types and members it takes from each, its string literals (what reflection by name would use) and the names
/// it declares itself.
/// </summary>
public sealed class CompiledAssembly
{
    private CompiledAssembly(string name, IReadOnlyList<string> references, IReadOnlyList<(string Assembly, string Name)> used,
        IReadOnlyList<string> literals, IReadOnlyList<string> declared)
    {
        Name = name;
        References = references;
        Used = used;
        Literals = literals;
        Declared = declared;
    }

    public string Name { get; }

    /// <summary>The names of the assemblies it references.</summary>
    public IReadOnlyList<string> References { get; }

    /// <summary>Each type (<c>Ns.Type</c>) and member (<c>Ns.Type.Member</c>) it uses, with the assembly it comes from.</summary>
    public IReadOnlyList<(string Assembly, string Name)> Used { get; }

    /// <summary>Its string literals (the user-string heap): messages, and any name reflection would look up.</summary>
    public IReadOnlyList<string> Literals { get; }

    /// <summary>The namespaces, types, methods, fields, properties and events it declares.</summary>
    public IReadOnlyList<string> Declared { get; }

    /// <summary>The referenced assemblies that are not part of the .NET runtime this test runs on.</summary>
    public IReadOnlyList<string> NonFrameworkReferences =>
        [.. References.Where(name => !File.Exists(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), name + ".dll"))).Order(StringComparer.Ordinal)];

    /// <summary>A package assembly copied beside the tests by the project's build (Keel.dll is the tests' own reference).</summary>
    public static CompiledAssembly Package(string name) =>
        Read(Path.Combine(AppContext.BaseDirectory, name == "Keel" ? "" : "packages", name + ".dll"));

    public static CompiledAssembly Read(string file)
    {
        using var pe = new PEReader(File.OpenRead(file));
        var reader = pe.GetMetadataReader();

        var references = reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();

        var types = new Dictionary<TypeReferenceHandle, (string Assembly, string Name)>();
        foreach (var handle in reader.TypeReferences)
            types[handle] = TypeReference(reader, handle);
        var members = reader.MemberReferences
            .Select(reader.GetMemberReference)
            .Where(member => member.Parent.Kind == HandleKind.TypeReference)
            .Select(member => (Assembly: types[(TypeReferenceHandle)member.Parent].Assembly, Name: $"{types[(TypeReferenceHandle)member.Parent].Name}.{reader.GetString(member.Name)}"));
        var used = types.Values.Concat(members).Distinct().OrderBy(u => u.Name, StringComparer.Ordinal).ToList();

        var literals = new List<string>();
        for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = reader.GetNextHandle(handle))
            literals.Add(reader.GetUserString(handle));

        var declared = new List<string>();
        foreach (var type in reader.TypeDefinitions.Select(reader.GetTypeDefinition))
        {
            declared.Add(reader.GetString(type.Namespace));
            declared.Add(reader.GetString(type.Name));
            declared.AddRange(type.GetMethods().Select(h => reader.GetString(reader.GetMethodDefinition(h).Name)));
            declared.AddRange(type.GetFields().Select(h => reader.GetString(reader.GetFieldDefinition(h).Name)));
            declared.AddRange(type.GetProperties().Select(h => reader.GetString(reader.GetPropertyDefinition(h).Name)));
            declared.AddRange(type.GetEvents().Select(h => reader.GetString(reader.GetEventDefinition(h).Name)));
        }

        return new CompiledAssembly(reader.GetString(reader.GetAssemblyDefinition().Name), references, used, literals,
            [.. declared.Where(name => name.Length > 0).Distinct()]);
    }

    /// <summary>A referenced type's full name and the assembly it resolves to (through its declaring type when nested).</summary>
    private static (string Assembly, string Name) TypeReference(MetadataReader reader, TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        var name = reader.GetString(type.Name);
        switch (type.ResolutionScope.Kind)
        {
            case HandleKind.TypeReference:
                var outer = TypeReference(reader, (TypeReferenceHandle)type.ResolutionScope);
                return (outer.Assembly, $"{outer.Name}+{name}");
            case HandleKind.AssemblyReference:
                var assembly = reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name);
                return (assembly, Qualified(reader.GetString(type.Namespace), name));
            default:
                return (reader.GetString(reader.GetAssemblyDefinition().Name), Qualified(reader.GetString(type.Namespace), name));
        }
    }

    private static string Qualified(string ns, string name) => ns.Length == 0 ? name : $"{ns}.{name}";

    public override string ToString() => Name;
}
