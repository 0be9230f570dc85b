namespace Keel.Containers;

/// <summary>A passing fault of a registry, known as such (not guessed from a message): always worth another try.</summary>
internal sealed class RegistryFaultException(string message) : Exception(message);
