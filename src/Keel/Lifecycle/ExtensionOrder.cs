namespace Keel.Lifecycle;

/// <summary>
/// Where an extension hears the build's events. The host's integration hears them first (secrets are masked before
/// anything prints), injected members are filled next, then the generators and early exits, then everything else;
/// the console's summary table comes last.
/// </summary>
public static class ExtensionOrder
{
    public const int Host = -1000;
    public const int Injection = -900;
    public const int Generators = -700;
    public const int EarlyExits = -500;
    public const int Default = 0;
    public const int Summary = 1000;
}
