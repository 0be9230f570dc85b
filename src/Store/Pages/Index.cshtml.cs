using Microsoft.AspNetCore.Mvc.RazorPages;
using Store.Catalog;

namespace Store.Pages;

public sealed class IndexModel(ProductCatalog catalog) : PageModel
{
    public IReadOnlyList<Product> Products => catalog.All;
}
