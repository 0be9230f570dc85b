namespace Store.Catalog;

public sealed record Product(int Id, string Name, string Description, decimal Price);
