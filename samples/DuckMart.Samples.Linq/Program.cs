// Runs a segment against a DuckMart database through LINQ (docs/linq.md).
//   dotnet run --project samples/DuckMart.Samples.Linq -- data/duckmart.duckdb [asOf]
using DuckMart.Data;
using DuckMart.Segments.Linq;
using LinqToDB;

if (args.Length is < 1 or > 2 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: DuckMart.Samples.Linq DATABASE.duckdb [asOf, e.g. 2025-12-31T00:00:00Z]");
    return 2;
}

var asOf = args.Length == 2 ? DateTimeOffset.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : DateTimeOffset.UtcNow;

// Californians aged 25-34 who logged in at least 3 times in the last 30 days but bought nothing in the last 7.
var segment = Segment.Where(
    Conditions.Attribute("location").Eq("California", ignoreCase: true)
        .And(Conditions.Attribute("age").Between(25, 34))
        .And(Conditions.Event("LOGIN").InLast("P30D").AtLeast(3))
        .And(Conditions.Event("PURCHASE_MADE").InLast("P7D").Never()));

Console.WriteLine($"segment: {segment}");

// Read-only, so the sample can run while a server has the same file open.
using var db = new DuckMartDb($"Data Source={Path.GetFullPath(args[0])};ACCESS_MODE=READ_ONLY");
var users = db.Users.Where(segment, asOf, "America/Los_Angeles");

// The segment is an ordinary IQueryable<User>: keep composing.
var byDevice = users
    .GroupBy(u => u.DeviceType)
    .Select(g => new { Device = g.Key, Users = g.Count() })
    .OrderByDescending(x => x.Users);

Console.WriteLine($"users: {users.Count()}");
foreach (var row in byDevice)
{
    Console.WriteLine($"  {row.Device ?? "(unknown)"}: {row.Users}");
}

Console.WriteLine("first ids: " + string.Join(", ", users.OrderBy(u => u.UserId).Select(u => u.UserId).Take(10)));
Console.WriteLine();
Console.WriteLine(users.Select(u => u.UserId).ToSqlQuery().Sql);

// The same kind of question as plain LINQ over users and their events: WhereSegment hands what the segment engine
// can say to it (IN (... GROUP BY ... HAVING ...) instead of a correlated subquery per user) and says which path ran.
var since = asOf.UtcDateTime.AddDays(-30);
var now = asOf.UtcDateTime;
var buyers = db.Users.WhereSegment(
    u => u.Location == "California"
        && u.Events.Count(e => e.EventName == "PURCHASE_MADE" && e.Timestamp >= since && e.Timestamp < now) >= 3,
    out var path);
Console.WriteLine();
Console.WriteLine($"plain LINQ, {EnginePathHeader.Value(path)} path: {buyers.Count()} Californians with 3+ purchases in the last 30 days");
Console.WriteLine(buyers.Select(u => u.UserId).ToSqlQuery().Sql);
return 0;
