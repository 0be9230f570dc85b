namespace Keel.Tests;

/// <summary>The start of a run orders members, components, extensions and files with it: the order LINQ's OrderBy gives.</summary>
public class StableOrderTests
{
    [Theory]
    [InlineData(new int[0], new int[0])]
    [InlineData(new[] { 7 }, new[] { 7 })]
    [InlineData(new[] { 3, 1, 2 }, new[] { 1, 2, 3 })]
    [InlineData(new[] { 5, 4, 3, 2, 1 }, new[] { 1, 2, 3, 4, 5 })]
    [InlineData(new[] { 2, 2, 1, 1 }, new[] { 1, 1, 2, 2 })]
    public void OrdersByTheKey(int[] keys, int[] expected) =>
        Assert.Equal(expected, StableOrder.By(keys.Select(k => new Item(k, "")), item => item.Key).Select(item => item.Key));

    [Fact]
    public void ItemsWithEqualKeysKeepTheOrderTheyCameIn()
    {
        var items = new[] { new Item(2, "a"), new Item(1, "b"), new Item(2, "c"), new Item(1, "d"), new Item(0, "e"), new Item(2, "f") };

        var sorted = StableOrder.By(items, item => item.Key);

        Assert.Equal("ebdacf", string.Concat(sorted.Select(item => item.Name)));
    }

    [Fact]
    public void GivesTheOrderLinqGivesForAnyList()
    {
        var random = new Random(21);
        for (var round = 0; round < 200; round++)
        {
            var items = Enumerable.Range(0, random.Next(0, 40)).Select(i => new Item(random.Next(0, 6), $"{i}")).ToList();

            Assert.Equal(items.OrderBy(item => item.Key).Select(item => item.Name), StableOrder.By(items, item => item.Key).Select(item => item.Name));
            Assert.Equal(items.OrderBy(item => item.Name, StringComparer.Ordinal).Select(item => item.Name), StableOrder.By(items, item => item.Name, StringComparer.Ordinal).Select(item => item.Name));
        }
    }

    [Fact]
    public void ComputesEachKeyOnce()
    {
        var calls = 0;

        StableOrder.By(Enumerable.Range(0, 10).Select(i => new Item(10 - i, "")), item => { calls++; return item.Key; });

        Assert.Equal(10, calls);
    }

    private sealed record Item(int Key, string Name);
}
