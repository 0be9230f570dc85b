using System.Reflection.PortableExecutable;

namespace Keel.Tests.Support;

/// <summary>Whether an assembly holds code compiled ahead of time (a ReadyToRun image) beside its IL; compiled into Keel.Tests and EndToEnd.Tests alike.</summary>
internal static class ReadyToRun
{
    public static bool IsImage(string assembly)
    {
        using var reader = new PEReader(File.OpenRead(assembly));
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }
}
