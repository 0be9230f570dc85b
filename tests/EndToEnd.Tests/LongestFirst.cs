using Xunit.Abstractions;

[assembly: TestCollectionOrderer("EndToEnd.Tests.LongestFirst", "EndToEnd.Tests")]

namespace EndToEnd.Tests;

/// <summary>
/// How long a test class takes on a quiet two-core machine, its fixture included, in whole minutes: the classes that
/// take longest start first, so that the run is not left waiting on one long class that started last.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class TakesMinutesAttribute(int minutes) : Attribute
{
    public int Minutes { get; } = minutes;
}

/// <summary>
/// Starts the test collections that take longest first (<see cref="TakesMinutesAttribute"/>); the rest follow in the
/// order xunit gives them. Only the start order changes: which tests run at once is still xunit's to decide.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.Select((collection, index) => (collection, index))
            .OrderByDescending(entry => Minutes(entry.collection))
            .ThenBy(entry => entry.index)
            .Select(entry => entry.collection);

    /// <summary>The most minutes a class of the collection declares: xunit gives each class without [Collection] a collection of its own.</summary>
    private static int Minutes(ITestCollection collection) =>
        typeof(LongestFirst).Assembly.GetTypes()
            .Where(type => collection.DisplayName == $"Test collection for {type.FullName}")
            .Select(type => type.GetCustomAttributes(typeof(TakesMinutesAttribute), false).Cast<TakesMinutesAttribute>().FirstOrDefault()?.Minutes ?? 0)
            .DefaultIfEmpty(0).Max();
}
