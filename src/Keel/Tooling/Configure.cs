namespace Keel.Tooling;

/// <summary>Changes settings and returns the changed copy: <c>s => s.SetConfiguration("Release")</c>.</summary>
public delegate T Configure<T>(T settings);
