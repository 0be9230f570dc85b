using System.Net;
using Keel.Containers.Tests;

namespace EndToEnd.Tests;

/// <summary>
/// A new user's path from the README: a <c>dotnet new blazor</c> app, its Dockerfile, and build/ written from the
/// README's recipe exactly as it stands there, on the packed packages; ./build.sh PushImage to a registry with TLS and a
/// password. What the user then sees is asserted: the tags in the registry, and the page the pulled image serves.
/// Both image cases share one NuGet cache (the second one finds the packages the first one restored, as on a
/// developer's machine), each has a registry of its own.
/// </summary>
public sealed partial class ConsumerRepositoryTests
{
    /// <summary>The README's host-publish variant, as its blocks name it.</summary>
    private const string HostPublish = "publishing on the host";

    private string ImageCache => Path.Combine(_keel.Workspace, "nuget");

    [Fact]
    public void TheReadmesRecipeHoldsTheFilesANewRepositoryNeeds()
    {
        var blocks = ReadmeRecipe.Blocks().Select(b => b.Variant is null ? b.File : $"{b.File} ({b.Variant})").ToList();

        Assert.Equal(
            ["BlazorApp/Dockerfile", "nuget.config", "build/_build.csproj", "build/Build.cs", "BlazorApp/.dockerignore", ".gitignore",
                $"BlazorApp/Dockerfile ({HostPublish})", $"build/Build.cs ({HostPublish})"],
            blocks);
        Assert.True(BuildCodeLines(ReadmeRecipe.Files()["build/Build.cs"]) < 30);
        // The README's Dockerfile is the multi-stage one the reader and engine tests read (Visual Studio's stages).
        Assert.Equal(ArticleDockerfile.Text.Trim(), ReadmeRecipe.Files()["BlazorApp/Dockerfile"].Trim());
        Assert.True(BuildCodeLines(ReadmeRecipe.Files(HostPublish)["build/Build.cs"]) < 30);
    }

    [Fact]
    public async Task ABlazorAppWithTheMultiStageDockerfileIsPushedByTheReadmesBuildAndServesItsPage()
    {
        _keel.AssertPacked();
        using var registry = new SecureRegistry();
        var app = NewBlazorApp("multi-stage");
        ReadmeRecipe.WriteInto(app, ReadmeRecipe.Files());

        await PushesAndServesThePage(app, registry);
    }

    [Fact]
    public async Task TheSameAppPublishedOnTheHostIsPushedByTheReadmesOtherBuildAndServesItsPage()
    {
        _keel.AssertPacked();
        using var registry = new SecureRegistry();
        var app = NewBlazorApp("host-publish");
        ReadmeRecipe.WriteInto(app, ReadmeRecipe.Files(HostPublish));
        // The solution the standard components restore, compile and publish, as the README says to make it.
        Check(Shell.Run("dotnet", ["new", "sln", "-n", "BlazorApp"], app.Path));
        Check(Shell.Run("dotnet", ["sln", "add", "BlazorApp"], app.Path));

        await PushesAndServesThePage(app, registry);
        Assert.True(File.Exists(Path.Combine(app.Path, "BlazorApp/bin/publish/linux-x64/BlazorApp.dll")), "the app was published on the host, for the image's platform");
    }

    /// <summary>
    /// Commits the repository, runs ./build.sh PushImage to the registry, pulls the image back from there into an engine
    /// that no longer has it under that name, runs it and asks for its home page.
    /// </summary>
    private async Task PushesAndServesThePage(ThrowawayRepository app, SecureRegistry registry)
    {
        app.Git("add", "-A");
        app.Git("commit", "-q", "-m", "A Blazor app with a build on Keel");
        var run = BuildRun.Start(app, new Dictionary<string, string> { ["NUGET_PACKAGES"] = ImageCache, ["REGISTRY_PASSWORD"] = SecureRegistry.Password },
            "PushImage", "--registry", registry.Address, "--registry-username", SecureRegistry.Username);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.True(Directory.Exists(Path.Combine(ImageCache, "keel.containers", _keel.Version)), "the README's *-* took the packed version");
        // The README's ReadyToRun lines: the Keel package's targets compile the build and the packages ahead of time.
        Assert.All(["_build.dll", "Keel.dll", "Keel.Containers.dll"], name =>
            Assert.True(Keel.Tests.Support.ReadyToRun.IsImage(Path.Combine(app.Path, "build/bin", name)), $"build/bin/{name} is not ReadyToRun"));
        var tags = registry.Client.Tags("acme-corp/blazorapp");
        Assert.Contains("main", tags);
        Assert.Contains($"sha-{app.HeadCommit[..7]}", tags);
        Assert.Equal(3, tags.Count);
        LocalImages.RemoveUnder(registry.Address);
        var image = $"{registry.Address}/acme-corp/blazorapp:main";
        registry.Pull(image);
        var (status, page) = await RunningImage.GetPageAsync(image, "/");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Hello, world!", page);
    }

    /// <summary>A repository in the workspace beside keel/ holding what <c>dotnet new blazor -o BlazorApp</c> made, build.sh, global.json, .nuke/ and a GitHub remote.</summary>
    private ThrowawayRepository NewBlazorApp(string name)
    {
        var app = _keel.NewRepository(name);
        Check(Shell.Run("dotnet", ["new", "blazor", "-o", "BlazorApp"], app.Path, new Dictionary<string, string> { ["NUGET_PACKAGES"] = ImageCache }));
        File.Copy(Path.Combine(ThrowawayRepository.SourceRoot, "build.sh"), Path.Combine(app.Path, "build.sh"));
        File.Copy(Path.Combine(ThrowawayRepository.SourceRoot, "global.json"), Path.Combine(app.Path, "global.json"));
        Directory.CreateDirectory(Path.Combine(app.Path, ".nuke"));
        app.Git("remote", "add", "origin", "https://github.com/Acme-Corp/blazorapp.git");
        return app;
    }

    private static int BuildCodeLines(string file) =>
        file.Split('\n').Count(line => line.Trim() is { Length: > 0 } code && !code.StartsWith("//", StringComparison.Ordinal) && !code.StartsWith("using ", StringComparison.Ordinal));

    private static void Check((int ExitCode, string Output) result) => Assert.True(result.ExitCode == 0, result.Output);
}
