namespace Keel.Containers;

/// <summary>The image an app's Dockerfile builds on (passed as the BASE_IMAGE build argument), and whether a local stand-in may replace it.</summary>
/// <param name="Name">The base image, as a reference: <c>mcr.microsoft.com/dotnet/aspnet:10.0</c>.</param>
public sealed record BaseImage(string Name)
{
    /// <summary>Whether a stand-in made on this machine may take the base image's place when it cannot be pulled.</summary>
    public StandInRule StandIn { get; init; } = StandInRule.Never;

    /// <summary>How to make the stand-in; needed unless <see cref="StandIn"/> is <see cref="StandInRule.Never"/>.</summary>
    public StandInRecipe? Recipe { get; init; }

    /// <summary>What the user does to publish on the stand-in anyway, named in the error that refuses it (a build's own option).</summary>
    public string AllowAnywhereHint { get; init; } = "let the build use StandInRule.Anywhere";
}
