namespace Keel.Containers.Tests;

/// <summary>A restore inside an image build that cannot get its packages is said in one line, with the fix.</summary>
public sealed class RestoreFailureTests
{
    [Theory]
    [InlineData("#10 2.113 /src/BlazorApp.csproj : error NU1301: Unable to load the service index for source https://api.nuget.org/v3/index.json.",
        "'dotnet restore' inside the image build of app/Dockerfile could not reach its package source (NU1301: Unable to load the service index for source https://api.nuget.org/v3/index.json); containers on this machine must reach that source (the sdk stand-in trusts this machine's CA store; a proxy or a private feed needs its nuget.config in the build context), or restore and publish on the host and COPY the output into the image.")]
    [InlineData("Step 6/12 : RUN dotnet restore\n/src/BlazorApp.csproj : error NU1101: Unable to find package Microsoft.AspNetCore.App.Internal.Assets. No packages exist with this id in source(s): offline",
        "'dotnet restore' inside the image build of app/Dockerfile could not find a package in the package sources it sees (NU1101: Unable to find package Microsoft.AspNetCore.App.Internal.Assets. No packages exist with this id in source(s): offline); containers on this machine must reach that source (the sdk stand-in trusts this machine's CA store; a proxy or a private feed needs its nuget.config in the build context), or restore and publish on the host and COPY the output into the image.")]
    [InlineData("#9 1.2 /src/BlazorApp.csproj : error NU1100: Unable to resolve 'Microsoft.AspNetCore.App.Internal.Assets (>= 10.0.0)' for 'net10.0'.",
        "'dotnet restore' inside the image build of app/Dockerfile could not find a package in the package sources it sees (NU1100: Unable to resolve 'Microsoft.AspNetCore.App.Internal.Assets (>= 10.0.0)' for 'net10.0'); containers on this machine must reach that source (the sdk stand-in trusts this machine's CA store; a proxy or a private feed needs its nuget.config in the build context), or restore and publish on the host and COPY the output into the image.")]
    [InlineData("#12 ERROR: process \"/bin/sh -c dotnet build\" did not complete successfully: exit code: 1\nProgram.cs(3,1): error CS0103: The name 'x' does not exist", null)]
    public void ARestoreThatCannotGetItsPackagesIsNamed(string output, string? message) =>
        Assert.Equal(message, RestoreFailure.Explain("app/Dockerfile", output.Split('\n')));
}
