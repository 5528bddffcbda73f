using System.Globalization;
using System.Text;
using DuckMart.Segments;
using DuckMart.Segments.Dynamics;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;

namespace DuckMart.Cli.Commands;

/// <summary>
/// <c>duckmart segment --changes FROM TO</c> and <c>--sizes FROM TO EVERY</c> (CONTRACT.md section 5 from the
/// command line). On a terminal a small table; piped, plain tab-separated lines a script can cut: for changes
/// <c>entered&lt;TAB&gt;ID</c> and <c>left&lt;TAB&gt;ID</c> for every user who moved, for sizes <c>ASOF&lt;TAB&gt;COUNT</c>.
/// The same on DuckDB (<c>--db</c>) and on a cluster (<c>--clickhouse</c>): only the <see cref="ISegmentDynamics"/> differs.
/// </summary>
public static class SegmentDynamicsOutput
{
    /// <summary>IDs a table shows of each list; plain lines list every ID.</summary>
    public const int TableIds = 10;

    public static async Task WriteChangesAsync(
        ISegmentDynamics dynamics, Condition where, IReadOnlyList<string> range, TimeZoneInfo zone, ISavedSegments saved, bool table, TextWriter output, CancellationToken ct)
    {
        var (from, to) = (Instant(range[0], "--changes FROM"), Instant(range[1], "--changes TO"));
        if (from >= to)
        {
            throw new SegmentException([new SpecError("--changes", ErrorCodes.InvalidWindow, "TO must be later than FROM.")]);
        }

        var changes = await dynamics.ChangesAsync(where, from, to, zone, saved, table ? TableIds : SpecLimits.Default.MaxPageSize, ct);
        var text = new StringBuilder();
        if (table)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"from     {changes.FromUtc:yyyy-MM-ddTHH:mm:ssZ}  {changes.CountFrom,12:N0} users");
            text.AppendLine(CultureInfo.InvariantCulture, $"to       {changes.ToUtc:yyyy-MM-ddTHH:mm:ssZ}  {changes.CountTo,12:N0} users");
            text.AppendLine(CultureInfo.InvariantCulture, $"entered  {changes.EnteredCount,33:N0}   {Ids(changes.Entered, changes.EnteredCount)}");
            text.AppendLine(CultureInfo.InvariantCulture, $"left     {changes.LeftCount,33:N0}   {Ids(changes.Left, changes.LeftCount)}");
            text.AppendLine(CultureInfo.InvariantCulture, $"stayed   {changes.Stayed,33:N0}");
        }
        else
        {
            foreach (var id in changes.Entered)
            {
                text.Append("entered\t").Append(id.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            foreach (var id in changes.Left)
            {
                text.Append("left\t").Append(id.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        await output.WriteAsync(text, ct);
    }

    public static async Task WriteSizesAsync(
        ISegmentDynamics dynamics, Condition where, IReadOnlyList<string> series, TimeZoneInfo zone, ISavedSegments saved, bool table, TextWriter output, CancellationToken ct)
    {
        var (from, to) = (Instant(series[0], "--sizes FROM"), Instant(series[1], "--sizes TO"));
        var every = SizePoints.ParseEvery(series[2])
            ?? throw new SegmentException([new SpecError("--sizes EVERY", ErrorCodes.InvalidDuration, SizePoints.EveryMessage)]);
        if (from > to)
        {
            throw new SegmentException([new SpecError("--sizes", ErrorCodes.InvalidWindow, "TO must not be earlier than FROM.")]);
        }

        var count = SizePoints.Count(from, to, every.ToTimeSpan());
        if (count > SizesRequest.MaxPoints)
        {
            throw new SegmentException([new SpecError("--sizes EVERY", ErrorCodes.TooManyPoints, $"{count} points; at most {SizesRequest.MaxPoints} are allowed.")]);
        }

        var sizes = await dynamics.SizesAsync(where, SizePoints.Between(from, to, every.ToTimeSpan()), zone, saved, ct);
        var text = new StringBuilder();
        if (table)
        {
            text.AppendLine("asOf                         users      change");
        }

        long? previous = null;
        foreach (var point in sizes)
        {
            var asOf = point.AsOfUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            if (table)
            {
                var change = previous is { } p ? (point.Count - p).ToString("+#,0;-#,0;0", CultureInfo.InvariantCulture) : "";
                text.AppendLine(CultureInfo.InvariantCulture, $"{asOf}  {point.Count,12:N0}  {change,10}");
            }
            else
            {
                text.Append(asOf).Append('\t').Append(point.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            previous = point.Count;
        }

        await output.WriteAsync(text, ct);
    }

    /// <summary>True when standard output is a person's terminal, as <see cref="Progress.IsTerminal"/> decides for standard error.</summary>
    public static bool IsTerminal() =>
        !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);

    private static string Ids(IReadOnlyList<long> ids, long count) =>
        string.Join(" ", ids.Select(i => i.ToString(CultureInfo.InvariantCulture))) + (count > ids.Count ? " …" : "");

    private static DateTimeOffset Instant(string text, string what) =>
        TimePoint.TryParse(text, out var point) && point is TimePoint.Instant { Value: var instant }
            ? instant
            : throw new SegmentException([new SpecError(what, ErrorCodes.InvalidAsOf, $"'{text}' is not an instant with a zone, such as 2025-12-31T00:00:00Z.")]);
}
