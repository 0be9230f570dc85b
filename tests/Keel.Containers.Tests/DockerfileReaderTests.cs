namespace Keel.Containers.Tests;

/// <summary>A Dockerfile's stages as the builder sees them: which images a build reads, and on which line.</summary>
public sealed class DockerfileReaderTests
{
    private static readonly ContainerPlatform Amd64 = ContainerPlatform.Parse("linux/amd64", "test");
    private static readonly ContainerPlatform Arm64 = ContainerPlatform.Parse("linux/arm64", "test");

    private const string Article = ArticleDockerfile.Text;

    public static TheoryData<string, string, string?, bool, string[]> Cases => new()
    {
        { "the article's multi-stage Dockerfile: stages are not images", Article, null, true,
            ["1 mcr.microsoft.com/dotnet/aspnet:10.0", "4 mcr.microsoft.com/dotnet/sdk:10.0"] },
        { "a host-publish Dockerfile with its global ARG's default", "ARG BASE_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0\nFROM ${BASE_IMAGE}\nCOPY app/ ./\n", null, true,
            ["2 mcr.microsoft.com/dotnet/aspnet:10.0"] },
        { "a build argument overrides the global ARG's default", "ARG BASE_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0\nFROM $BASE_IMAGE\n", null, true,
            ["2 localhost:5000/base:1"] },
        { "defaults refer to earlier ARGs; :- and :+ work", "ARG TAG=10.0\nARG REPO=mcr.microsoft.com/dotnet\nARG SUFFIX\nFROM ${REPO}/runtime:${TAG}${SUFFIX:+-}${SUFFIX}\nFROM ${NOPE:-alpine}:3\n", null, false,
            ["4 mcr.microsoft.com/dotnet/runtime:10.0", "5 alpine:3"] },
        { "comments, blank lines and continuations keep line numbers", "# a comment\n\nFROM \\\n  # inside\n  mcr.microsoft.com/dotnet/aspnet:10.0 \\\n  AS base\nfrom base\n", null, true,
            ["3 mcr.microsoft.com/dotnet/aspnet:10.0"] },
        { "instructions in any case, stage names in any case", "from Debian:12 as Build\nFrom BUILD AS next\ncopy --FROM=build /a /b\n", null, true,
            ["1 Debian:12"] },
        { "the escape directive changes the continuation character", "# escape=`\nFROM `\n  busybox:1\n", null, true, ["2 busybox:1"] },
        { "scratch is no image", "FROM scratch\nCOPY app /app\n", null, true, [] },
        { "COPY --from names an image or a stage by name or index", "FROM busybox:1 AS tools\nFROM scratch\nCOPY --from=tools /bin/sh /sh\nCOPY --from=0 /bin/ls /ls\nCOPY --from=nginx:1 /etc/nginx /nginx\n", null, true,
            ["1 busybox:1", "5 nginx:1"] },
        { "RUN --mount=from= names an image", "FROM busybox:1\nRUN --mount=type=bind,from=golang:1,source=/usr,target=/go true\n", null, true,
            ["1 busybox:1", "2 golang:1"] },
        { "--platform=$BUILDPLATFORM is the build platform", "FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nFROM mcr.microsoft.com/dotnet/aspnet:10.0\nCOPY --from=build /app .\n", null, true,
            ["1 mcr.microsoft.com/dotnet/sdk:10.0 linux/amd64", "2 mcr.microsoft.com/dotnet/aspnet:10.0"] },
        { "BuildKit skips the stages the target does not need", "FROM alpine:3 AS unused\nFROM busybox:1 AS tools\nFROM debian:12\nCOPY --from=tools /bin/sh /sh\n", null, true,
            ["2 busybox:1", "3 debian:12"] },
        { "the classic builder builds every stage up to the target", "FROM alpine:3 AS unused\nFROM busybox:1 AS tools\nFROM debian:12 AS last\n", "tools", false,
            ["1 alpine:3", "2 busybox:1"] },
        { "--target builds that stage and what it needs", Article, "build", true,
            ["4 mcr.microsoft.com/dotnet/sdk:10.0"] },
        { "a heredoc's body is not read as instructions", "FROM busybox:1\nRUN <<EOF\nFROM alpine:3\nEOF\nFROM debian:12\n", null, false,
            ["1 busybox:1", "5 debian:12"] },
        { "a parser directive and a syntax line", "# syntax=docker/dockerfile:1\n# check=error=true\nFROM busybox:1\n", null, true, ["3 busybox:1"] },
        { "a later ARG inside a stage does not reach FROM", "ARG A=one:1\nFROM $A\nARG A=two:2\nFROM $A\n", null, false, ["2 one:1", "4 one:1"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheImagesABuildReadsAreFoundWithTheirLines(string name, string dockerfile, string? target, bool buildKit, string[] expected)
    {
        var args = name.Contains("overrides", StringComparison.Ordinal) ? new Dictionary<string, string> { ["BASE_IMAGE"] = "localhost:5000/base:1" } : [];

        var read = DockerfileReader.Read("Dockerfile", dockerfile, args, DockerfileReader.PlatformArgs(Amd64, Arm64));

        Assert.Equal(expected, read.ExternalImages(target, buildKit).Select(i => $"{i.Line} {i.Reference}{(i.Platform is null ? "" : " " + i.Platform)}"));
    }

    [Theory]
    [InlineData("FROM ${BASE_IMAGE}\n", null, "Dockerfile:1: FROM ${BASE_IMAGE} names no image: BASE_IMAGE is empty; pass it as a build argument or give its global ARG a default.")]
    [InlineData("RUN true\n", null, "Dockerfile has no FROM instruction; a Dockerfile starts its first stage with FROM <image>.")]
    [InlineData("FROM busybox:1 AS one\nFROM busybox:1 AS two\n", "three", "Dockerfile has no stage named 'three' to build; its stages are one, two.")]
    [InlineData("FROM --platform=linux/amd64\n", null, "Dockerfile:1: FROM names no image; write FROM <image> [AS <name>].")]
    public void AWrongDockerfileIsNamedInOneLine(string dockerfile, string? target, string message) =>
        Assert.Equal(message, Assert.Throws<BuildException>(() =>
            DockerfileReader.Read("Dockerfile", dockerfile, new Dictionary<string, string>(), DockerfileReader.PlatformArgs(Amd64, Amd64)).ExternalImages(target, true)).Message);

    [Theory]
    [InlineData("$A", "a")]
    [InlineData("${A}-${B}", "a-")]
    [InlineData("${B:-x}", "x")]
    [InlineData("${E:-x}", "x")]
    [InlineData("${E-x}", "")]
    [InlineData("${A:+y}", "y")]
    [InlineData("${B:+y}", "")]
    [InlineData("\\$A", "$A")]
    [InlineData("${A:-${C:-z}}", "a")]
    [InlineData("${B:-${C:-z}}", "z")]
    public void VariablesAreSubstitutedAsTheBuilderDoes(string text, string expected) =>
        Assert.Equal(expected, DockerfileReader.Expand(text, name => name switch { "A" => "a", "E" => "", _ => null }));

    [Fact]
    public void AnotherPlatformsImagesAreNamedByTheirLocalNameLineForLine()
    {
        const string text = "ARG BASE=mcr.microsoft.com/dotnet/aspnet:10.0\nFROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nFROM \\\n  ${BASE} AS final\nCOPY --from=busybox:1 /bin/sh /sh\nCOPY --from=build /app .\n";
        var read = DockerfileReader.Read("Dockerfile", text, new Dictionary<string, string>(), DockerfileReader.PlatformArgs(Amd64, Arm64));
        var images = read.ExternalImages(null, true);

        var rewritten = DockerfileRewrite.Apply(read, [.. images.Where(i => i.Platform is null).Select(i => (i, BaseImageStandIn.LocalReference(i.Reference, Arm64, native: false)))]);

        Assert.Equal("ARG BASE=mcr.microsoft.com/dotnet/aspnet:10.0\nFROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nFROM \\\n  mcr.microsoft.com/dotnet/aspnet:10.0-linux-arm64 AS final\nCOPY --from=busybox:1-linux-arm64 /bin/sh /sh\nCOPY --from=build /app .\n", rewritten);
    }
}
