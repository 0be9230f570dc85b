using Keel.Tests.Support;

namespace Keel.Tests.Logging;

/// <summary>A [Secret] value never shows: not on the console, in the file log, help, the plan, errors or tool output.</summary>
public class SecretTests
{
    private const string Value = "ghp_TopSecretValue42";

    private sealed class Leaky : KeelBuild
    {
        [Parameter("Token for the registry"), Secret]
        readonly string? Token;

        [Parameter, Secret]
        readonly string PresetToken = "preset-secret-default";

        // Everything a careless build might do with a token.
        Target Leak => _ => _.Executes(() =>
        {
            Log.Information("The token is {Token}", Token);
            Log.Warning($"Interpolated: {Token}");
            Processes.Run(new Keel.Tooling.ToolInvocation(Repository.DotNet, [Repository.TestProgram, "echo", "token", Token!]));
        });

        Target Fail => _ => _.Executes(() => throw new InvalidOperationException($"Login failed for {Token}"));
    }

    private static void AssertClean(BuildOutcome outcome)
    {
        Assert.DoesNotContain(Value, outcome.Output);
        Assert.DoesNotContain(Value, outcome.LogFile);
        Assert.DoesNotContain("preset-secret-default", outcome.Output);
        Assert.DoesNotContain("preset-secret-default", outcome.LogFile);
    }

    [Theory]
    [InlineData("command line", new[] { "--token", Value }, null)]
    [InlineData("environment", new string[0], "TOKEN")]
    public void SecretsAreMaskedInEveryLogSinkAndInToolOutput(string source, string[] args, string? variable)
    {
        var environment = variable is null ? null : new Dictionary<string, string> { [variable] = Value };
        var outcome = TestBuild.Run<Leaky>(["Leak", "--verbosity", "verbose", .. args], environment: environment);

        Assert.True(outcome.ExitCode == 0, $"{source}: {outcome.Output}");
        AssertClean(outcome);
        Assert.Contains("The token is ***", outcome.Output);
        Assert.Contains("Interpolated: ***", outcome.LogFile);
        Assert.Contains("token ***", outcome.Output);
        Assert.Contains("Token = *** (from", outcome.LogFile);
    }

    [Fact]
    public void SecretsAreMaskedInExceptionMessagesAndStackTraces()
    {
        var outcome = TestBuild.Run<Leaky>(["Fail", "--token", Value, "--verbosity", "verbose"]);

        Assert.Equal(1, outcome.ExitCode);
        AssertClean(outcome);
        Assert.Contains("Fail failed: InvalidOperationException: Login failed for ***", outcome.Output);
        Assert.Contains("InvalidOperationException: Login failed for ***", outcome.LogFile);
    }

    [Fact]
    public void ASecretTooShortToMaskIsRefusedWithOneLineBeforeAnythingRuns()
    {
        var outcome = TestBuild.Run<Leaky>(["Leak"], environment: new Dictionary<string, string> { ["TOKEN"] = "e" });

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("Parameter --token (from environment variable TOKEN) is a secret of 1 character(s); one shorter than 4 cannot be masked in the log without masking ordinary text, so it is not used: pass the real value.", outcome.Output);
        // The log stays readable: the 'e's of these lines were not masked.
        Assert.Contains("Nothing was run: 1 requirement(s) not met.", outcome.Output);
        Assert.DoesNotContain("***", outcome.Output);
    }

    [Fact]
    public void SecretsAreMaskedInHelpAndThePlan()
    {
        var help = TestBuild.Run<Leaky>(["--help"]);
        var plan = TestBuild.Run<Leaky>(["Leak", "--plan", "--token", Value]);

        AssertClean(help);
        AssertClean(plan);
        Assert.Contains("--preset-token <string>  (secret)", help.Output);
        Assert.Contains("Default: ***.", help.Output);
    }
}
