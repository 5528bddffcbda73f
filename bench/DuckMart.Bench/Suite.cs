using System.Text.Json;
using System.Text.Json.Nodes;
using DuckMart.Segments.Saved;

namespace DuckMart.Bench;

/// <summary>One segment of the suite and every form it is run in.</summary>
public sealed record SuiteSegment(
    string Name,
    string Title,
    byte[] Body,
    SqlShape DuckDbSql,
    IReadOnlyList<SqlShape> DuckDbAlternatives,
    SqlShape? PostgresSql,
    IReadOnlyList<SqlShape> PostgresAlternatives,
    string? ODataFilter,
    string? ODataNote)
{
    /// <summary>The POST /segments body with <c>countOnly</c> set as asked.</summary>
    public byte[] BodyWith(bool countOnly)
    {
        var node = JsonNode.Parse(Body)!.AsObject();
        node["countOnly"] = countOnly;
        return JsonSerializer.SerializeToUtf8Bytes(node);
    }
}

/// <summary>
/// A hand-written SQL shape for a segment: its name (the main file's <c>-- shape:</c> line, an alternative's
/// middle part NAME.SHAPE.sql) and its text with asOf filled in.
/// </summary>
public sealed record SqlShape(string Name, string Sql);

/// <summary>A segment the suite saves first and refers to: PUT /segments/{id} over HTTP, a dictionary in process.</summary>
public sealed record SavedSegment(string Id, byte[] Definition);

/// <summary>The fixed suite: bench/suite.json names the segments; bench/segments and bench/sql hold them.</summary>
public sealed record Suite(IReadOnlyList<SuiteSegment> Segments, IReadOnlyList<SavedSegment> Saved)
{
    public static Suite Load(string benchDir)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(benchDir, "suite.json")));
        var saved = manifest.RootElement.GetProperty("saved").EnumerateArray()
            .Select(s => new SavedSegment(s.GetProperty("id").GetString()!, File.ReadAllBytes(Path.Combine(benchDir, s.GetProperty("file").GetString()!))))
            .ToList();
        var segments = manifest.RootElement.GetProperty("segments").EnumerateArray().Select(s =>
        {
            var name = s.GetProperty("name").GetString()!;
            var odata = s.TryGetProperty("odata", out var o) && o.ValueKind == JsonValueKind.String ? BenchClock.ExpandOData(o.GetString()!) : null;
            var note = s.TryGetProperty("odataNote", out var n) ? n.GetString() : null;
            var pg = Path.Combine(benchDir, "sql", "postgres", name + ".sql");
            return new SuiteSegment(
                name,
                s.GetProperty("title").GetString()!,
                RequestBody(Path.Combine(benchDir, "segments", name + ".json")),
                MainShape(Path.Combine(benchDir, "sql", "duckdb", name + ".sql")),
                Alternatives(Path.Combine(benchDir, "sql", "duckdb", "alternatives"), name),
                File.Exists(pg) ? MainShape(pg) : null,
                Alternatives(Path.Combine(benchDir, "sql", "postgres", "alternatives"), name),
                odata,
                note);
        }).ToList();
        return new Suite(segments, saved);
    }

    /// <summary>The spec file with the suite's fixed asOf and zone: every run sees the same moment.</summary>
    private static byte[] RequestBody(string path)
    {
        var node = JsonNode.Parse(File.ReadAllBytes(path))!.AsObject();
        node["asOf"] = BenchClock.AsOf.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        node["timezone"] = BenchClock.TimeZone;
        return JsonSerializer.SerializeToUtf8Bytes(node);
    }

    private static string ReadSql(string path) => BenchClock.ExpandSql(File.ReadAllText(path));

    private static SqlShape MainShape(string path)
    {
        var sql = ReadSql(path);
        const string marker = "-- shape:";
        var first = sql.Split('\n', 2)[0];
        return new SqlShape(first.StartsWith(marker, StringComparison.Ordinal) ? first[marker.Length..].Trim() : "main", sql);
    }

    private static List<SqlShape> Alternatives(string dir, string name) =>
        !Directory.Exists(dir)
            ? []
            : Directory.GetFiles(dir, name + ".*.sql").Order(StringComparer.Ordinal)
                .Select(f => new SqlShape(Path.GetFileNameWithoutExtension(f)[(name.Length + 1)..], ReadSql(f)))
                .ToList();
}
