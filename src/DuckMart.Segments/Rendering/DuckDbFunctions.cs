using LinqToDB;

namespace DuckMart.Segments.Rendering;

/// <summary>DuckDB functions the translator needs that linq2db does not map by itself.</summary>
internal static class DuckDbFunctions
{
    /// <summary>
    /// The calendar date, in the IANA zone <paramref name="zone"/>, of a UTC instant stored as a plain TIMESTAMP.
    /// The inner <c>timezone('UTC', ts)</c> reads the zone-less TIMESTAMP as UTC (giving a TIMESTAMPTZ) whatever
    /// the session's TimeZone setting is; the outer one gives the wall-clock time in the zone (ICU, DST-aware).
    /// The CAST gives the zone parameter a type DuckDB need not infer (see <see cref="ValueList"/> for why that matters).
    /// See https://duckdb.org/docs/stable/sql/functions/timestamptz#timezonetext-timestamp.
    /// </summary>
    [Sql.Expression("CAST(timezone(CAST({1} AS VARCHAR), timezone('UTC', {0})) AS DATE)", ServerSideOnly = true, IsNullable = Sql.IsNullableType.IfAnyParameterNullable)]
    public static DateOnly LocalDate(DateTime utc, string zone) => throw new InvalidOperationException("SQL only.");

    /// <summary>The calendar date of a UTC instant moved by <paramref name="offsetMicros"/> (see <see cref="ZoneOffsets"/>).</summary>
    [Sql.Expression("CAST({0} + to_microseconds(CAST({1} AS BIGINT)) AS DATE)", ServerSideOnly = true, IsNullable = Sql.IsNullableType.IfAnyParameterNullable)]
    public static DateOnly ShiftedDate(DateTime utc, long offsetMicros) => throw new InvalidOperationException("SQL only.");

    /// <summary>The UTC calendar date: a plain cast, cheaper than the ICU round trip.</summary>
    [Sql.Expression("CAST({0} AS DATE)", ServerSideOnly = true, IsNullable = Sql.IsNullableType.IfAnyParameterNullable)]
    public static DateOnly UtcDate(DateTime utc) => throw new InvalidOperationException("SQL only.");
}
