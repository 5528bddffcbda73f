namespace DuckMart.Api.Tests.Reliability;

/// <summary>
/// Seeded random OData <c>$filter</c> texts: mostly well-formed expressions over the real properties (so they
/// reach linq2db and DuckDB), then mutated (truncated, hostile literals, wrong types, deep parentheses).
/// </summary>
public sealed class ODataFilterFuzzer(int seed)
{
    private static readonly string[] StringProps = ["name", "gender", "location", "subscriptionPlan", "deviceType"];
    private static readonly string[] NumberProps = ["userId", "age"];
    private static readonly string[] Comparisons = ["eq", "ne", "gt", "ge", "lt", "le"];
    private static readonly string[] Functions = ["contains", "startswith", "endswith"];

    private static readonly string[] Literals =
    [
        "'California'", "'O''Brien''s Town'", "'50% off'", "'a_b'", "'back\\slash'", "'東京'", "''", "'''; DROP TABLE users; --'",
        "'%'", "'_'", "null", "true", "42", "-1", "9223372036854775807", "9223372036854775808", "1e400", "3.14", "2025-01-01",
        "2025-01-01T00:00:00Z", "10000-01-01", "duration'P1D'", "'\u0000'", "'🦆'", "$it", "@p1", "users",
    ];

    private readonly Random _random = new(seed);

    public string Next()
    {
        var filter = Expression(1 + _random.Next(4));
        return _random.Next(5) == 0 ? Mutate(filter) : filter;
    }

    private string Expression(int depth)
    {
        if (depth <= 1)
        {
            return Leaf();
        }

        return _random.Next(5) switch
        {
            0 => $"({Expression(depth - 1)}) and ({Expression(depth - 1)})",
            1 => $"({Expression(depth - 1)}) or ({Expression(depth - 1)})",
            2 => $"not ({Expression(depth - 1)})",
            3 => $"events/any(e: e/eventName eq {Pick(["'LOGIN'", "'PURCHASE_MADE'", .. Literals])}{(_random.Next(2) == 0 ? $" and e/timestamp ge {Pick(["2025-01-01T00:00:00Z", "2025-06-01T00:00:00Z", "'x'", "null"])}" : "")})",
            _ => Leaf(),
        };
    }

    private string Leaf() => _random.Next(8) switch
    {
        0 => $"{Pick(StringProps)} {Pick(Comparisons)} {Pick(Literals)}",
        1 => $"{Pick(NumberProps)} {Pick(Comparisons)} {Pick(Literals)}",
        2 => $"{Pick(Functions)}({Pick(StringProps)}, {Pick(Literals)})",
        3 => $"signupDate {Pick(Comparisons)} {Pick(Literals)}",
        4 => $"{Pick(StringProps)} in ({string.Join(", ", Enumerable.Range(0, 1 + _random.Next(5)).Select(_ => Pick(Literals)))})",
        5 => $"events/$count($filter=eventName eq {Pick(["'LOGIN'", .. Literals])}) {Pick(Comparisons)} {_random.Next(-2, 10)}",
        6 => $"events/all(e: e/eventName ne {Pick(Literals)})",
        _ => $"tolower({Pick(StringProps)}) eq {Pick(Literals)}",
    };

    private string Mutate(string filter) => _random.Next(6) switch
    {
        0 => filter[..Math.Max(1, _random.Next(filter.Length))],
        1 => new string('(', 200 + _random.Next(3_000)) + "age eq 1" + new string(')', 200 + _random.Next(3_000)),
        2 => filter.Replace("'", "\"", StringComparison.Ordinal),
        3 => string.Join(" or ", Enumerable.Repeat(Leaf(), 100 + _random.Next(1_000))),
        4 => filter + " " + Pick(["and", "or", "eq", ")", "(", "/", "$", "'"]),
        _ => $"{Pick(["password", "events", "user_id", "Users", "$it/name", "cast(age, Edm.String)", "substring(name, 99999999999)"])} eq {Pick(Literals)}",
    };

    private string Pick(IReadOnlyList<string> items) => items[_random.Next(items.Count)];
}
