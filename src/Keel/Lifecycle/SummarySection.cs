namespace Keel.Lifecycle;

/// <summary>A section of the build's summary on a CI host: a heading and its Markdown body.</summary>
public sealed record SummarySection(string Heading, string Markdown);
