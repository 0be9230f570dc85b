using Keel.Tooling;

namespace Keel.Tests.Tooling;

/// <summary>How MSBuild properties reach dotnet: one argument each, a list value kept whole.</summary>
public class DotNetSettingsTests
{
    public static TheoryData<string, string, string> Properties => new()
    {
        { "a plain value as it is", "1.2.3", "-p:Version=1.2.3" },
        { "a list of runtime identifiers quoted, so MSBuild does not split it at the semicolon", "linux-x64;linux-arm64", "-p:Version=\"linux-x64;linux-arm64\"" },
        { "a value with a comma quoted", "a,b", "-p:Version=\"a,b\"" },
        { "a value with spaces as it is: it is one argument already", "The Store", "-p:Version=The Store" },
    };

    [Theory]
    [MemberData(nameof(Properties))]
    public void PropertiesArePassedAsMSBuildReadsThemWhole(string behaviour, string value, string expected)
    {
        var arguments = new DotNetRestoreSettings().SetProperty("Version", value).ToArguments();

        Assert.True(arguments.Contains(expected), $"{behaviour}: {string.Join(' ', arguments)}");
    }
}
