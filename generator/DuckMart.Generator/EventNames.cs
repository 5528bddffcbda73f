namespace DuckMart.Generator;

/// <summary>The event vocabulary the generator writes, already in the UPPER_SNAKE_CASE ingest produces.</summary>
public static class EventNames
{
    public const string Login = "LOGIN";
    public const string Logout = "LOGOUT";
    public const string PageView = "PAGE_VIEW";
    public const string Search = "SEARCH";
    public const string ViewProduct = "VIEW_PRODUCT";
    public const string AddedToCart = "ADDED_TO_CART";
    public const string PurchaseMade = "PURCHASE_MADE";
}
