using Keel.Containers;
using Keel.Tooling;

namespace Keel.Containers.Tests;

/// <summary>
/// What a failed docker login means: which docker failures are put to the registry, what each of the registry's own
/// answers says about the credentials, and what the build then does (tries again, or says the credentials were rejected).
/// </summary>
public class LoginCheckTests
{
    private const string Root = "https://r.example/v2/";

    [Theory]
    [InlineData("no credentials asked for", 200, "Accepted")]
    [InlineData("a gateway's 503", 503, "Passing")]
    [InlineData("a 500", 500, "Passing")]
    [InlineData("too many requests", 429, "Passing")]
    [InlineData("a request timeout", 408, "Passing")]
    [InlineData("no registry API here", 404, "Unexpected")]
    [InlineData("forbidden before any credentials", 403, "Unexpected")]
    public void TheUnauthenticatedPingIsRead(string behaviour, int status, string verdict) =>
        Assert.True(Enum.Parse<LoginVerdict>(verdict) == LoginCheck.OfPing(status, null, Root).Verdict, behaviour);

    [Theory]
    [InlineData("taken", 200, "Accepted")]
    [InlineData("refused", 401, "Rejected")]
    [InlineData("forbidden", 403, "Rejected")]
    [InlineData("a 503 on the way is a passing fault, not a wrong password", 503, "Passing")]
    [InlineData("a 502 on the way", 502, "Passing")]
    [InlineData("a 500 on the way", 500, "Passing")]
    [InlineData("too many requests", 429, "Passing")]
    [InlineData("a token service that is not there", 404, "Unexpected")]
    [InlineData("a bad request", 400, "Unexpected")]
    public void AnAnswerToTheCredentialsIsRead(string behaviour, int status, string verdict) =>
        Assert.True(Enum.Parse<LoginVerdict>(verdict) == LoginCheck.OfCredentialed(status, null, $"GET {Root} with the credentials").Verdict, behaviour);

    [Fact]
    public void TheAnswerNamesTheStatusAndTheRequest() =>
        Assert.Equal("401 Unauthorized to GET https://r.example/v2/ with the credentials", LoginCheck.OfCredentialed(401, "Unauthorized", $"GET {Root} with the credentials").Answer);

    [Theory]
    [InlineData("a 401 with no credentials sent (docker met a 503 on its ping)", "Error response from daemon: login attempt to https://r:5451/v2/ failed with status: 401 Unauthorized", true)]
    [InlineData("a refused token", "Error response from daemon: Get \"https://ghcr.io/v2/\": denied: denied", true)]
    [InlineData("an incorrect password", "Error response from daemon: Get \"https://x/v2/\": unauthorized: incorrect username or password", true)]
    [InlineData("a passing failure is retried as it is", "Error response from daemon: Get \"http://127.0.0.1:5451/v2/\": EOF", false)]
    [InlineData("a 503 docker reports is retried as it is", "Error response from daemon: received unexpected HTTP status: 503 Service Unavailable", false)]
    [InlineData("an untrusted certificate is no credentials question", "Error response from daemon: Get \"https://r/v2/\": x509: certificate signed by unknown authority", false)]
    public void OnlyAFailureThatReadsAsRefusedCredentialsIsPutToTheRegistry(string behaviour, string output, bool asked)
    {
        var error = new ProcessFailedException("'docker login' exited with code 1.", 1, new ProcessResult(1, [new OutputLine(output, true)]));

        Assert.True(asked == RegistryErrors.MayBeRefusedCredentials(error), behaviour);
    }

    [Theory]
    [InlineData("credentials the registry takes: docker met a fault, try again", "Accepted", true, "docker login said 'login attempt failed with status: 401 Unauthorized', but asked directly, the registry accepts the credentials (200 OK to GET https://r.example/v2/ with the credentials): a passing fault")]
    [InlineData("a fault on the way of the check: try again", "Passing", true, "asked directly, the registry answered 503 Service Unavailable to GET https://r.example/v2/ with the credentials: a passing fault")]
    [InlineData("credentials the registry refuses: one line, no retry", "Rejected", false, "Could not log in to r.example as ci-bot: the registry rejected the credentials (401 Unauthorized to GET https://r.example/v2/ with the credentials). Check --registry-password; nothing was pushed.")]
    [InlineData("an answer that says neither: docker's reason and the registry's answer", "Unexpected", false, "Could not log in to r.example as ci-bot: login attempt failed with status: 401 Unauthorized; asked directly, the registry answered 404 Not Found to GET https://r.example/v2/ with the credentials; nothing was pushed.")]
    public void AFailedDockerLoginIsExplainedByTheRegistrysOwnAnswer(string behaviour, string verdict, bool triedAgain, string message)
    {
        var status = verdict switch { "Accepted" => (200, "OK"), "Passing" => (503, "Service Unavailable"), "Rejected" => (401, "Unauthorized"), _ => (404, "Not Found") };
        var check = LoginCheck.OfCredentialed(status.Item1, status.Item2, $"GET {Root} with the credentials");
        Assert.Equal(Enum.Parse<LoginVerdict>(verdict), check.Verdict);

        var error = LoginFailure.Explain("r.example", "ci-bot", "--registry-password", "login attempt failed with status: 401 Unauthorized", check);

        Assert.True(triedAgain == RegistryErrors.IsTransient(error), behaviour);
        Assert.Equal(triedAgain, error is RegistryFaultException);
        Assert.Contains(message, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
