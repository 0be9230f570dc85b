namespace Keel.Containers;

/// <summary>
/// The image an app's Dockerfile builds on (passed as the BASE_IMAGE build argument where the Dockerfile declares that
/// ARG), and whether a local stand-in may replace it when it cannot be pulled. Its rule also decides for the other
/// official .NET images the Dockerfile names (an sdk build stage, say): those may be stood in for images that stay on
/// this machine, or anywhere when this rule is <see cref="StandInRule.Anywhere"/>.
/// </summary>
/// <param name="Name">The base image, as a reference: <c>mcr.microsoft.com/dotnet/aspnet:10.0</c>.</param>
public sealed record BaseImage(string Name)
{
    /// <summary>Whether a stand-in made on this machine may take the base image's place when it cannot be pulled.</summary>
    public StandInRule StandIn { get; init; } = StandInRule.Never;

    /// <summary>How to make the stand-in for a name Keel does not know; the official .NET images need none.</summary>
    public StandInRecipe? Recipe { get; init; }

    /// <summary>What the user does to publish on the stand-in anyway, named in the error that refuses it (a build's own option).</summary>
    public string AllowAnywhereHint { get; init; } = "let the build use StandInRule.Anywhere";
}
