using Keel.Tests.Support;

namespace Keel.Tests.Extensions;

/// <summary>A target's plan note: what --plan prints under it, evaluated for the plan only.</summary>
public sealed class PlanNoteTests
{
    private sealed class Noted : KeelBuild
    {
        public int Evaluated;

        Target Prepare => _ => _.Executes(() => { });

        Target BuildImage => _ => _
            .DependsOn(Prepare)
            .PlanNote(() => { Evaluated++; return "Dockerfile:1 mcr.microsoft.com/dotnet/aspnet:10.0: the local stand-in\nDockerfile:4 mcr.microsoft.com/dotnet/sdk:10.0: pulled, else stood in"; })
            .PlanNote(() => throw new BuildException("no Docker engine answers."))
            .Executes(() => throw new InvalidOperationException("never runs under --plan"));

        Target Skipped => _ => _
            .OnlyWhenStatic(() => false)
            .PlanNote(() => "not printed for a skipped target")
            .Executes(() => { });
    }

    [Fact]
    public void PlanPrintsATargetsNotesUnderItAndANoteThatFailsSaysWhy()
    {
        var outcome = TestBuild.Run<Noted>(["BuildImage", "Skipped", "--plan"]);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("""
              2. BuildImage (invoked)
                   Dockerfile:1 mcr.microsoft.com/dotnet/aspnet:10.0: the local stand-in
                   Dockerfile:4 mcr.microsoft.com/dotnet/sdk:10.0: pulled, else stood in
                   (no note: no Docker engine answers)
            """.Replace("\r\n", "\n"), outcome.Output.Replace("\r\n", "\n"));
        Assert.DoesNotContain("not printed", outcome.Output);
    }

    [Fact]
    public void ABuildThatRunsDoesNotEvaluateTheNotes()
    {
        var outcome = TestBuild.Run<Noted>(["Prepare"]);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(0, ((Noted)outcome.Session!.Build).Evaluated);
    }
}
