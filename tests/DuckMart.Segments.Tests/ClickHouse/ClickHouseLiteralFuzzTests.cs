using System.Text;
using System.Text.Json;
using CsCheck;
using DuckMart.Data.ClickHouse;
using DuckMart.Segments.Spec;
using static DuckMart.Segments.Tests.SpecBuilder;

namespace DuckMart.Segments.Tests.ClickHouse;

/// <summary>
/// Every value in ClickHouse SQL is an inline literal (<see cref="ClickHouseLiteral"/>), so escaping is the
/// security boundary. Hostile strings (quotes, backslashes, NUL and other control characters, comment and
/// statement markers, Unicode, very long) in every string field and in event and step names must leave the
/// query's shape exactly as a harmless marker leaves it, decode back to the very value, and run on the cluster.
/// </summary>
public sealed class ClickHouseLiteralFuzzTests
{
    private const string Marker = "marker";

    private static readonly string[] Pieces = ["'", "\\", "\\'", "''", "\0", "\n", "\r", "\t", "\x1b", "\x7f", "--", "/*", "*/", ";", ")", "(", "`", "\"", "%", "_", "é", "東京", "🦆", "\u202e", " OR 1=1", "') OR ('1'='1", "\\x27", "\\0", "FORMAT JSON", "\u00a0"];

    private static readonly Gen<string> Hostile = Gen.Frequency(
        (8, Gen.OneOf(Pieces).Array[1, 12].Select(p => string.Concat(p))),
        (1, Gen.OneOf(Pieces).Select(p => string.Concat(Enumerable.Repeat(p, 5_000)))));

    private static readonly string[] StringFields = ["name", "gender", "location", "subscriptionPlan", "deviceType"];

    private static Condition[] Conditions(string value) =>
    [
        .. StringFields.SelectMany(f => new Condition[]
        {
            Attr(f, "eq", value), Attr(f, "neq", value, ignoreCase: true), Attr(f, "in", new[] { value, "x" }), Attr(f, "notIn", new[] { value }, ignoreCase: true),
            Attr(f, "contains", value), Attr(f, "startsWith", value, ignoreCase: true), Attr(f, "endsWith", value),
        }),
        new EventCondition(value),
        new EventCondition(value, Last("P30D"), Count: Count("gte", 2)),
        new EventCondition(value, Last("P30D"), First: Time("after", "-P7D")),
        new SequenceCondition([Step(value), Step(value, "PT1H"), Step(value, "P1D", absent: true)], Last("P30D")),
    ];

    [Fact]
    public void No_value_changes_the_shape_of_the_sql_and_every_literal_decodes_to_its_value()
    {
        var saved = new DictionarySavedSegments(new Dictionary<string, Condition>());
        var time = At("2025-12-31T00:00:00Z");
        var markers = Conditions(Marker).Select(c => ClickHouseSegmentQuery.Create(c, time, saved).IdsSql).ToList();
        Hostile.Sample(value =>
        {
            var conditions = Conditions(value);
            for (var i = 0; i < conditions.Length; i++)
            {
                var (shape, literals) = Shape(ClickHouseSegmentQuery.Create(conditions[i], time, saved).IdsSql);
                shape.Should().Be(Shape(markers[i]).Shape, "a value must stay inside its literal");
                literals.Should().Contain(l => l.Contains(Marker) || IsFromValue(l, value), "the literal holds the value, escaped and read back");
            }
        }, iter: 300, print: v => JsonSerializer.Serialize(v));
    }

    [Fact]
    public async Task Hostile_values_run_on_the_cluster_without_error()
    {
        await ClickHouseTestData.LoadAsync("duckmart_test_literals", [new Domain.User { UserId = 1, Name = "x" }], []);
        using var http = ClickHouseHttp.Open(ClickHouseTestData.Url("duckmart_test_literals"));
        var saved = new DictionarySavedSegments(new Dictionary<string, Condition>());
        var time = At("2025-12-31T00:00:00Z");
        var values = Pieces.Append(string.Concat(Pieces)).Append(new string('\'', 1_000) + new string('\\', 1_001)).ToList();
        foreach (var value in values)
        {
            // Within the body limit the API enforces: one of every condition kind per value.
            var where = new OrCondition(Conditions(value));
            var query = ClickHouseSegmentQuery.Create(where, time, saved, http.Database);
            (await query.CountAsync(http, TimeSpan.FromSeconds(30), CancellationToken.None)).Should().BeInRange(0, 1);
        }

        // A name NUL-free and quote-free that the data holds does match: the literal reaches the server intact.
        var named = ClickHouseSegmentQuery.Create(Attr("name", "eq", "x"), time, saved, http.Database);
        (await named.CountAsync(http, null, CancellationToken.None)).Should().Be(1);
    }

    private static bool IsFromValue(string literal, string value) =>
        literal == value || literal == value.ToLowerInvariant() || literal == Domain.EventNames.Normalize(value);

    /// <summary>The SQL with every string literal replaced by <c>?</c>, and the literals decoded, as ClickHouse's lexer reads them.</summary>
    private static (string Shape, List<string> Literals) Shape(string sql)
    {
        var shape = new StringBuilder();
        var literals = new List<string>();
        for (var i = 0; i < sql.Length; i++)
        {
            if (sql[i] != '\'')
            {
                shape.Append(sql[i]);
                continue;
            }

            var literal = new StringBuilder();
            for (i++; sql[i] != '\''; i++)
            {
                if (sql[i] != '\\')
                {
                    literal.Append(sql[i]);
                    continue;
                }

                i++;
                literal.Append(sql[i] switch
                {
                    'x' => (char)Convert.ToInt32(sql.Substring(i + 1, 2), 16),
                    var c => c,
                });
                if (sql[i] == 'x')
                {
                    i += 2;
                }
            }

            shape.Append('?');
            literals.Add(literal.ToString());
        }

        return (shape.ToString(), literals);
    }
}
