using Keel;
using Keel.Containers;

// The image job comes from the IPublishedImage component (Keel.Containers): BuildImage, SmokeTest and PushImage with
// their parameters. What is this app's alone is said here: its name, its Dockerfile, its contract and its base image.
partial class Build : IPublishedImage
{
    // On a fresh Debian machine run as root, the build installs Docker and the embedded registry itself, so the quick
    // start needs nothing else.
    public ContainerOptions ContainerOptions => new() { InstallMissingTools = true };

    public string DefaultImageName => "store";

    public AbsolutePath ImageContext => RootDirectory / "src/Store";

    public string? ImageDescription => "The Store web app.";

    public string? ImageLicenses => "MIT";

    // The app's contract: it reports its version and architecture on /health (src/Store/HealthResponse.cs), on the port
    // its image EXPOSEs. Any other web app needs no check of its own: GET / answers below 500.
    public SmokeCheck ImageSmokeCheck => SmokeCheck.Http("/health").WithVersion("version", GitVersion.SemVer, architectureField: "architecture");

    public string? DefaultBaseImage => "mcr.microsoft.com/dotnet/aspnet:10.0";
}
