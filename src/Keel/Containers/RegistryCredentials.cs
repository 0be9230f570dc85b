namespace Keel.Containers;

/// <summary>A registry login. The password is a secret: it travels on standard input and is masked in every log.</summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    public override string ToString() => $"{Username}:***";
}
