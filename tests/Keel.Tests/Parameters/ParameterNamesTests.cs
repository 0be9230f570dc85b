using Keel.Parameters;

namespace Keel.Tests.Parameters;

public class ParameterNamesTests
{
    [Theory]
    [InlineData("plain word", "Configuration", "configuration", "CONFIGURATION")]
    [InlineData("two words", "ImageName", "image-name", "IMAGE_NAME")]
    [InlineData("product name stays one word", "GitHubToken", "github-token", "GITHUB_TOKEN")]
    [InlineData("acronym then word", "HTTPServer", "http-server", "HTTP_SERVER")]
    [InlineData("digits stay with their word", "S3Bucket", "s3-bucket", "S3_BUCKET")]
    [InlineData("camel case", "registryUsername", "registry-username", "REGISTRY_USERNAME")]
    [InlineData("already kebab", "image-name", "image-name", "IMAGE_NAME")]
    public void MemberNamesBecomeCommandLineAndEnvironmentNames(string behaviour, string member, string kebab, string environment)
    {
        Assert.True(kebab == ParameterNames.Kebab(member), $"{behaviour}: {ParameterNames.Kebab(member)}");
        Assert.True(environment == ParameterNames.Environment(member), $"{behaviour}: {ParameterNames.Environment(member)}");
    }

    [Theory]
    [InlineData("GITHUB_TOKEN", "GitHubToken")]
    [InlineData("git-hub-token", "github_token")]
    [InlineData("ImageName", "IMAGE_NAME")]
    public void NamesMatchWithoutCaseDashesOrUnderscores(string a, string b) =>
        Assert.Equal(ParameterNames.Normalize(a), ParameterNames.Normalize(b));

    [Theory]
    [InlineData("typo", "Compil", new[] { "Clean", "Compile", "Test" }, "Compile")]
    [InlineData("case is ignored", "COMPLIE", new[] { "Compile", "Publish" }, "Compile")]
    [InlineData("nothing close", "Deploy", new[] { "Compile", "Test" }, null)]
    public void SuggestionsNameTheClosestCandidateOnly(string behaviour, string input, string[] candidates, string? expected) =>
        Assert.True(expected == NameSuggester.Closest(input, candidates), behaviour);
}
