namespace Keel.Logging;

/// <summary>Replaces every known secret value with ***; shared by all log sinks and error messages of one run.</summary>
public sealed class Redactor
{
    public const string Mask = "***";
    private readonly Lock _gate = new();
    private string[] _secrets = [];

    internal IReadOnlyList<string> Secrets => _secrets;

    internal event Action<string>? SecretAdded;

    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
            return;
        lock (_gate)
        {
            if (_secrets.Contains(secret))
                return;
            // Longest first, so a secret that contains another is masked whole.
            _secrets = [.. _secrets.Append(secret).OrderByDescending(s => s.Length)];
        }

        SecretAdded?.Invoke(secret);
    }

    public string Redact(string text)
    {
        var secrets = _secrets;
        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
