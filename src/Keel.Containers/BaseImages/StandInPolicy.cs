namespace Keel.Containers;

/// <summary>One image a build reads, where the Dockerfile names it, and the rule for standing in for it.</summary>
/// <param name="Reference">The image: <c>mcr.microsoft.com/dotnet/sdk:10.0</c>.</param>
/// <param name="Where">Where it is named: <c>src/App/Dockerfile:4</c>.</param>
/// <param name="Platform">The platform the build reads it for.</param>
/// <param name="Native">Whether that is the engine's own platform.</param>
/// <param name="Rule">Whether a stand-in may take its place.</param>
/// <param name="Recipe">The build's recipe, for a name Keel does not know; null: Keel's own for the official images.</param>
/// <param name="Registry">Where the image built on it goes (host[:port]).</param>
/// <param name="AllowAnywhereHint">What the user does to publish on a stand-in anyway.</param>
internal sealed record BaseImageRequest(string Reference, string Where, ContainerPlatform Platform, bool Native, StandInRule Rule, StandInRecipe? Recipe, string Registry, string AllowAnywhereHint)
{
    /// <summary>Whether the rule lets a stand-in go where the image goes.</summary>
    public bool StandInAllowed => Rule == StandInRule.Anywhere || (Rule == StandInRule.ThisMachineOnly && RegistryCredentials.IsOnThisMachine(Registry));
}

/// <summary>Pure: which stand-in can take an image's place, and the one line that says why none can.</summary>
internal static class StandInPolicy
{
    /// <summary>The kind of stand-in and its recipe for the image, or null with the reason none can be made for it.</summary>
    public static (DotNetImageKind Kind, StandInRecipe Recipe)? Candidate(BaseImageRequest request, DotNetVersions versions, out string? refusal)
    {
        var kind = OfficialDotNetImages.Recognize(request.Reference, versions, out refusal);
        if (kind is { } official)
        {
            if (refusal is not null)
                return null;
            if (official == DotNetImageKind.Sdk && !request.Native)
            {
                refusal = $"no stand-in for it can be made for {request.Platform} (the .NET SDK for another processor is not on NuGet)";
                return null;
            }

            return (official, StandInRecipe.Official);
        }

        if (request.Recipe is { } recipe)
        {
            var frameworks = recipe.SharedFrameworks;
            return (frameworks.Contains("Microsoft.AspNetCore.App") ? DotNetImageKind.AspNet : frameworks.Contains("Microsoft.NETCore.App") ? DotNetImageKind.Runtime : DotNetImageKind.RuntimeDeps, recipe);
        }

        refusal = $"Keel stands in only for the official .NET images ({string.Join(", ", Enum.GetValues<DotNetImageKind>().Select(k => $"{OfficialDotNetImages.Repository(k)}:{OfficialDotNetImages.MinorTag(versions)}"))})";
        return null;
    }

    /// <summary>
    /// The stand-in to make for an image that could not be pulled (<paramref name="pullFailure"/> says why), or the one
    /// line that says why none may: where the image is named, what it is, and how to fix it.
    /// </summary>
    public static (DotNetImageKind Kind, StandInRecipe Recipe) Choose(BaseImageRequest request, DotNetVersions versions, string pullFailure)
    {
        var (where, image) = (request.Where, request.Reference);
        var candidate = Candidate(request, versions, out var refusal);
        if (candidate is null && !request.Native && OfficialDotNetImages.Recognize(image, versions, out var tagRefusal) == DotNetImageKind.Sdk && tagRefusal is null)
            throw new BuildException($"{where}: {image} cannot be pulled for {request.Platform} ({pullFailure}), and {refusal}; run the build stage on this machine's platform with 'FROM --platform=$BUILDPLATFORM {image} AS build' (the official cross-build pattern), or build on a {request.Platform} runner.");
        if (candidate is null)
            throw new BuildException($"{where}: {image} cannot be pulled{(request.Native ? "" : $" for {request.Platform}")} ({pullFailure}), and {refusal}; check the name, that its registry answers and that you are logged in to it, or build where it can be pulled.");
        if (request.Rule == StandInRule.Never)
            throw new BuildException($"{where}: {image} cannot be pulled{(request.Native ? "" : $" for {request.Platform}")} ({pullFailure}), and the build allows no stand-in for it; check the name, that its registry answers and that you are logged in to it, or build where it can be pulled.");
        if (!request.StandInAllowed)
            throw NotHere(request, candidate.Value.Kind);
        return candidate.Value;
    }

    /// <summary>A stand-in that may not go to the image's registry.</summary>
    public static BuildException NotHere(BaseImageRequest request, DotNetImageKind kind) =>
        new($"{request.Where}: {request.Reference} cannot be pulled here, and the local stand-in for it (Debian and this machine's .NET {(kind == DotNetImageKind.Sdk ? "SDK" : "runtime")}) only goes to a registry on this machine, not {request.Registry}; build where {request.Reference} can be pulled, or {request.AllowAnywhereHint} if you mean to publish on the stand-in.");
}
