using System.Globalization;
using DuckMart.Data.ClickHouse;

namespace DuckMart.Segments.Rendering.ClickHouse;

/// <summary>
/// Instants in ClickHouse SQL. The events keep whole seconds in <c>timestamp</c> (18.16's DateTime) and the
/// microseconds in <c>timestamp_micros</c> (ClickHouseSchema), so an exact comparison is either on
/// <c>timestamp</c> alone, when the bound is a whole second a DateTime can hold (the usual case, and the column
/// in the sort key), or on the microseconds since the epoch, which holds any instant exactly.
/// </summary>
internal static class ClickHouseTime
{
    /// <summary>An event's instant as microseconds since the epoch (Int64).</summary>
    public const string EventMicros = "(toInt64(timestamp) * 1000000 + timestamp_micros)";

    // DateTime is a UInt32 of seconds: 1970-01-01 to 2106-02-07.
    private static readonly DateTime LastSecond = DateTime.UnixEpoch.AddSeconds(uint.MaxValue);

    /// <summary>Microseconds since the epoch, truncated as DuckDB stores a .NET DateTime (ticks / 10).</summary>
    public static long Micros(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    /// <summary><c>t &gt;= at</c> for an event.</summary>
    public static string AtOrAfter(DateTime at) => Compare(">=", at);

    /// <summary><c>t &lt; at</c> for an event.</summary>
    public static string Before(DateTime at) => Compare("<", at);

    private static string Compare(string op, DateTime at)
    {
        // A whole second: the event's microseconds cannot change how it compares.
        if (Micros(at) % 1_000_000 == 0 && at >= DateTime.UnixEpoch && at <= LastSecond)
        {
            return $"timestamp {op} toDateTime({ClickHouseLiteral.String(at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))}, 'UTC')";
        }

        return $"{EventMicros} {op} {ClickHouseLiteral.Int(Micros(at))}";
    }
}
