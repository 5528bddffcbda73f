using System.Data.Common;
using DuckMart.Data;
using LinqToDB.Data;

namespace DuckMart.Api.Dataset;

/// <summary>
/// Reads <see cref="DataVocabulary"/> from one database: a handful of GROUP BYs that DuckDB runs over the
/// columns alone (on 50M events, one pass over event_name and timestamp). Plain SQL: the statements are fixed
/// and take no input.
/// </summary>
public static class DatasetReader
{
    public static async Task<DatasetSummary> ReadSummaryAsync(DuckMartDb db, CancellationToken ct)
    {
        await using var command = Command(db, "SELECT (SELECT count(*) FROM users), count(*), min(timestamp), max(timestamp) FROM events");
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new DatasetSummary(
            reader.GetInt64(0),
            reader.GetInt64(1),
            reader.IsDBNull(2) ? null : Utc(reader.GetDateTime(2)),
            reader.IsDBNull(3) ? null : Utc(reader.GetDateTime(3)));
    }

    public static async Task<DataVocabulary> ReadAsync(DuckMartDb db, CancellationToken ct)
    {
        var summary = await ReadSummaryAsync(db, ct);
        var events = await ReadValuesAsync(db, "events", "event_name", ct);
        var values = new Dictionary<string, ValueList>(StringComparer.Ordinal);
        foreach (var (field, column) in DataVocabulary.ListedFields)
        {
            values[field] = await ReadValuesAsync(db, "users", column, ct);
        }

        await using var command = Command(db, "SELECT min(age), max(age), min(signup_date), max(signup_date) FROM users");
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var ranges = new Dictionary<string, ValueRange>(StringComparer.Ordinal)
        {
            ["age"] = new(Value(reader, 0), Value(reader, 1)),
            ["signupDate"] = new(Value(reader, 2), Value(reader, 3)),
        };
        return new DataVocabulary(summary, events, values, ranges);
    }

    private static async Task<ValueList> ReadValuesAsync(DuckMartDb db, string table, string column, CancellationToken ct)
    {
        // One more than kept: whether it arrives says the list is cut.
        await using var command = Command(db,
            $"SELECT {column}, count(*) AS n FROM {table} WHERE {column} IS NOT NULL GROUP BY {column} ORDER BY n DESC, {column} LIMIT {DataVocabulary.MaxValues + 1}");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var items = new List<ValueCount>();
        while (await reader.ReadAsync(ct))
        {
            items.Add(new ValueCount(reader.GetString(0), reader.GetInt64(1)));
        }

        var complete = items.Count <= DataVocabulary.MaxValues;
        return new ValueList(complete ? items : items[..DataVocabulary.MaxValues], complete);
    }

    private static DbCommand Command(DuckMartDb db, string sql)
    {
        var command = db.OpenDbConnection().CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static object? Value(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetValue(i) switch
    {
        DateTime d => DateOnly.FromDateTime(d),
        DateOnly d => d,
        var v => v,
    };

    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);
}
