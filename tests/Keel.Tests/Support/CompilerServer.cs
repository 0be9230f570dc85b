using System.Runtime.CompilerServices;

namespace Keel.Tests.Support;

/// <summary>
/// dotnet test hands its test host UseSharedCompilation=false (meant for its own build), and every build these tests
/// start would inherit it: each compile would start a cold compiler of its own instead of the compiler server a
/// developer's machine keeps warm. Removed once, before any test starts a build; compiled into Keel.Tests and
/// EndToEnd.Tests alike.
/// </summary>
internal static class CompilerServer
{
    [ModuleInitializer]
    internal static void AsOnADevelopersMachine()
    {
        if (Environment.GetEnvironmentVariable("UseSharedCompilation") == "false")
            Environment.SetEnvironmentVariable("UseSharedCompilation", null);
    }
}
