namespace DuckMart.Api.Tests.OData;

/// <summary>The app over 2,500 users, one of them with 150 events: more than one page of each.</summary>
public sealed class LargeODataServer : ODataServer
{
    public const int Users = 2500;
    public const int EventsOfUser1 = 150;

    protected override TestDatabase CreateDatabase() => TestDatabase.CreateLarge(Users, EventsOfUser1);
}
