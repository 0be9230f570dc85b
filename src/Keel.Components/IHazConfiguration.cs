namespace Keel.Components;

/// <summary>The configuration the components build; the build declares it as a parameter.</summary>
public interface IHazConfiguration : IKeelBuild
{
    Configuration Configuration { get; }
}
