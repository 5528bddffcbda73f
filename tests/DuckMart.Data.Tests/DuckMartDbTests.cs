using DuckMart.Data;
using DuckMart.Domain;
using LinqToDB;
using LinqToDB.Data;

namespace DuckMart.Data.Tests;

public class DuckMartDbTests
{
    [Fact]
    public void Users_with_an_event_render_as_exists_and_find_the_right_rows()
    {
        using var db = new DuckMartDb("Data Source=:memory:");
        db.Execute(Schema.CreateUsers);
        db.Execute(Schema.CreateEvents);
        db.Insert(new User { UserId = 1, Name = "Ann", Location = "California" });
        db.Insert(new User { UserId = 2, Name = "Bob", Location = "California" });
        db.Insert(new Event { UserId = 1, EventName = "LOGIN", Timestamp = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc) });

        var name = "LOGIN";
        var query = db.Users.Where(u => u.Events.Any(e => e.EventName == name)).Select(u => u.UserId);

        query.ToList().Should().Equal(1L);
        query.ToSqlQuery().Sql.Should().Contain("EXISTS");
    }
}
