using System.Text.Json;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Validation;

/// <summary>
/// <c>"asOf": "2025-12-31"</c> is midnight of that date in the request's <c>timezone</c>, as a date is everywhere
/// else in a spec. System.Text.Json would read it as midnight in the server's own zone, so the reader replaces
/// that reading once the zone is known.
/// </summary>
public static class AsOfDate
{
    public static SegmentRequest Resolve(SegmentRequest request, JsonElement root) =>
        root.TryGetProperty("asOf", out var asOf) && asOf.ValueKind == JsonValueKind.String
        && TimePoint.TryParse(asOf.GetString(), out var point) && point is TimePoint.Date { Value: var date }
            ? request with { AsOf = StartOfDay(date, request.Timezone) }
            : request;

    /// <summary>Midnight of <paramref name="date"/> in <paramref name="timezone"/> (UTC when absent; validated before).</summary>
    public static DateTimeOffset StartOfDay(DateOnly date, string? timezone)
    {
        EvaluationTime.TryFindZone(timezone ?? "UTC", out var zone);
        var time = new EvaluationTime(DateTimeOffset.UnixEpoch, zone);
        return new DateTimeOffset(time.StartOfDayUtc(date), TimeSpan.Zero);
    }
}
