namespace Store.Catalog;

/// <summary>The store's products; kept in memory, the store has no database.</summary>
public sealed class ProductCatalog
{
    public IReadOnlyList<Product> All { get; } =
    [
        new(1, "Harbour Mug", "Stoneware mug, 350 ml.", 12.50m),
        new(2, "Deck Shoes", "Canvas shoes with a non-slip sole.", 64.00m),
        new(3, "Chart Poster", "A nautical chart of the home port, A2.", 18.00m),
        new(4, "Rope Bracelet", "Braided sailing rope with a steel clasp.", 9.90m),
    ];

    public Product? Find(int id) => All.FirstOrDefault(p => p.Id == id);
}
