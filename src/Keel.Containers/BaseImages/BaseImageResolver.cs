using System.Text.Json;
using Serilog;

namespace Keel.Containers;

/// <summary>
/// Makes sure one image a build reads is in the engine's store for its platform, and returns the local name to build
/// from: the image itself when it is there (or pulls), else a stand-in made here where the rule allows it and Keel
/// knows the image (<see cref="StandInPolicy"/>). A stand-in made by an older recipe is made again; a pulled image is
/// never replaced. For another platform than the engine's, images are kept under their name with the platform appended
/// (<see cref="BaseImageStandIn.LocalReference"/>), as one local tag holds one platform's image at a time.
/// </summary>
internal sealed class BaseImageResolver(DockerTool docker, StandInFactory factory, DotNetInstall dotnet, ILogger log)
{
    private readonly Dictionary<string, string> _resolved = new(StringComparer.Ordinal);

    /// <summary>Makes sure the image is there (pulling or standing in) and returns the local name to build from.</summary>
    public string Resolve(BaseImageRequest request) => Check(request)();

    /// <summary>
    /// Everything short of making a stand-in: the image is found or pulled, or the stand-in that will take its place is
    /// chosen (or refused, in one line). The result makes it (slow) and returns the local name; so a build checks every
    /// image it reads before it makes any.
    /// </summary>
    public Func<string> Check(BaseImageRequest request)
    {
        var local = BaseImageStandIn.LocalReference(request.Reference, request.Platform, request.Native);
        if (_resolved.TryGetValue(local, out var done))
            return () => done;
        var state = Inspect(local);
        if (state is { IsStandIn: false } && request.Native)
            return Done(local);
        var candidate = state is { IsStandIn: true } ? StandInPolicy.Candidate(request, dotnet.Versions, out _) : null;
        var current = candidate is { } c && state!.Recipe == StandInFactory.RecipeId(c.Recipe, c.Kind);
        if (current && request.StandInAllowed)
        {
            log.Warning("{Where}: building {Platform} on the local stand-in for {Image} ({Distribution}); the image carries the label {Label}.",
                request.Where, request.Platform, request.Reference, state!.Distribution, ImageLabels.StandIn);
            return Done(local);
        }

        log.Information("Pulling {Image} for {Platform} ...", request.Reference, request.Platform);
        var pull = docker.Pull(request.Reference, request.Native ? null : request.Platform.ToString());
        if (pull.ExitCode == 0 && Inspect(request.Reference) is { IsStandIn: false })
        {
            if (!request.Native)
            {
                // The pull put the other platform's image under the image's name: keep it under its own, and give the
                // name back to the engine's platform.
                docker.Run("tag", request.Reference, local);
                if (docker.Pull(request.Reference).ExitCode != 0)
                    docker.Cleanup("image", "rm", request.Reference);
            }

            return Done(local);
        }

        // Pulled for that platform on an earlier run.
        if (state is { IsStandIn: false })
            return Done(local);
        var reason = pull.Output.Select(l => l.Text.Trim()).LastOrDefault(l => l.Length > 0) ?? "no answer";
        var (kind, recipe) = StandInPolicy.Choose(request, dotnet.Versions, reason);
        return () =>
        {
            if (_resolved.TryGetValue(local, out var made))
                return made;
            log.Warning("{Where}: could not pull {Image} for {Platform} ({Reason}); {Making} a local stand-in.", request.Where, request.Reference, request.Platform, reason, state is null ? "making" : "the one here is from an older recipe: making");
            Make(request, kind, recipe, local);
            log.Warning("{Where}: {Image} is the local stand-in ({Distribution}); images built on it carry the label {Label}.", request.Where, local, Inspect(local)?.Distribution, ImageLabels.StandIn);
            return _resolved[local] = local;
        };
    }

    private Func<string> Done(string local)
    {
        _resolved[local] = local;
        return () => local;
    }

    /// <summary>What <see cref="Resolve"/> would do, without pulling or making anything: for <c>--plan</c>.</summary>
    public string Predict(BaseImageRequest request)
    {
        var local = BaseImageStandIn.LocalReference(request.Reference, request.Platform, request.Native);
        var state = Inspect(local);
        if (state is { IsStandIn: false })
            return "in the engine's store";
        string? refusal;
        (DotNetImageKind Kind, StandInRecipe Recipe)? candidate;
        try
        {
            candidate = StandInPolicy.Candidate(request, dotnet.Versions, out refusal);
        }
        catch (Exception e) when (e is Keel.BuildException or IOException)
        {
            return $"pulled (no stand-in: {e.Message.TrimEnd('.')})";
        }

        if (candidate is not { } c)
            return $"pulled (no stand-in: {refusal})";
        if (!request.StandInAllowed || request.Rule == StandInRule.Never)
            return $"pulled (no stand-in: {(request.Rule == StandInRule.Never ? "the build allows none" : $"a stand-in only goes to a registry on this machine, not {request.Registry}")})";
        return state is not null && state.Recipe == StandInFactory.RecipeId(c.Recipe, c.Kind)
            ? $"the local stand-in ({state.Distribution})"
            : $"pulled, else stood in: Debian {c.Recipe.DebianRelease} with {(request.Native ? "this machine's" : "the runtime packs of")} .NET{(c.Kind == DotNetImageKind.Sdk ? " SDK" : "")} ({(state is null ? "made" : "made again: the one here is from an older recipe")})";
    }

    private void Make(BaseImageRequest request, DotNetImageKind kind, StandInRecipe recipe, string local)
    {
        var versions = dotnet.Versions;
        if (kind == DotNetImageKind.Sdk)
        {
            var aspnet = Resolve(request with
            {
                Reference = $"{OfficialDotNetImages.Repository(DotNetImageKind.AspNet)}:{OfficialDotNetImages.MinorTag(versions)}",
                Recipe = null,
            });
            factory.MakeSdk(aspnet, local);
            return;
        }

        var references = new Dictionary<DotNetImageKind, IReadOnlyList<string>> { [kind] = [local] };
        if (request.Recipe is null)
        {
            // The official image's siblings come from the same root file system: named for their minor tag where that
            // name holds nothing, or an older stand-in, so that a later stage finds them made.
            foreach (var sibling in new[] { DotNetImageKind.RuntimeDeps, DotNetImageKind.Runtime, DotNetImageKind.AspNet }.Where(k => k != kind))
            {
                var name = BaseImageStandIn.LocalReference($"{OfficialDotNetImages.Repository(sibling)}:{OfficialDotNetImages.MinorTag(versions)}", request.Platform, request.Native);
                if (Inspect(name) is not { } there || (there.IsStandIn && there.Recipe != StandInFactory.RecipeId(recipe, sibling)))
                    references[sibling] = [name];
            }
        }

        factory.MakeRuntimes(recipe, request.Platform, request.Native, references);
    }

    /// <summary>What the engine holds under a name: null when nothing; whether it is a stand-in, and which recipe made it.</summary>
    private ImageState? Inspect(string reference)
    {
        var result = docker.Query("image", "inspect", "--format", "{{json .Config.Labels}}", reference);
        if (result.ExitCode != 0)
            return null;
        var labels = JsonSerializer.Deserialize<Dictionary<string, string>?>(result.StandardOutput.Trim() is { Length: > 0 } json ? json : "null") ?? [];
        return new ImageState(labels.ContainsKey(ImageLabels.StandIn), labels.GetValueOrDefault(StandInFactory.RecipeLabel), labels.GetValueOrDefault(StandInFactory.DistributionLabel) ?? "Debian");
    }

    private sealed record ImageState(bool IsStandIn, string? Recipe, string Distribution);
}
