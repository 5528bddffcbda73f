using System.Globalization;
using System.Text.RegularExpressions;

namespace DuckMart.Bench;

/// <summary>
/// The one "now" of the whole benchmark: the generator's fixed reference instant
/// (GeneratorOptions.DefaultNow), passed to <c>generate --now</c> since the CLI's own default is the clock, so every relative window sees the same events on every run.
/// SQL files and OData filters write it as <c>{{asOf}}</c> or <c>{{asOf-P30D}}</c>.
/// </summary>
public static partial class BenchClock
{
    public static readonly DateTimeOffset AsOf = new(2025, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public const string TimeZone = "UTC";

    /// <summary>Fills the tokens with SQL literals (the same text for DuckDB and PostgreSQL).</summary>
    public static string ExpandSql(string sql) =>
        Token().Replace(sql, m => $"TIMESTAMP '{Resolve(m).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}'");

    /// <summary>Fills the tokens with OData DateTimeOffset literals.</summary>
    public static string ExpandOData(string filter) =>
        Token().Replace(filter, m => Resolve(m).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    private static DateTime Resolve(Match m) =>
        AsOf.UtcDateTime.AddDays(m.Groups[1].Success ? -int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0);

    [GeneratedRegex(@"\{\{asOf(?:-P(\d+)D)?\}\}")]
    private static partial Regex Token();
}
