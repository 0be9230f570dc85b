namespace Keel.GitHubActions;

/// <summary>GitHub-hosted runner images (the labels actionlint knows, so every generated workflow passes it).</summary>
public enum GitHubActionsImage
{
    UbuntuLatest,
    Ubuntu2204,
    WindowsLatest,
    Windows2022,
    MacOsLatest,
}
