using DuckMart.Segments.Validation;

namespace DuckMart.Segments.Spec;

/// <summary>
/// <c>asOf</c> and <c>timezone</c> into an <see cref="EvaluationTime"/>, with one set of errors, for every way they
/// arrive: a POST body (already read by <see cref="SegmentSpecReader"/>), a query string, the command line and the
/// LINQ surface. An asOf is an instant with a zone or a date (midnight in the zone), from 1900 to 9999-12-30, so
/// that "200 years before asOf" still exists; a zone is an IANA id that .NET and DuckDB's ICU read alike.
/// </summary>
public static class EvaluationTimeResolver
{
    public static readonly DateTimeOffset EarliestAsOf = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset LatestAsOf = new(9999, 12, 30, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The message of <see cref="ErrorCodes.InvalidAsOf"/>; <paramref name="name"/> is how the caller spelled it.</summary>
    public static string AsOfMessage(string name) =>
        $"{name} must be an instant with a zone, such as 2025-12-31T00:00:00Z, or a date (midnight in timezone), such as 2025-12-31, from 1900 to 9999.";

    /// <summary>The message of <see cref="ErrorCodes.InvalidTimezone"/>.</summary>
    public static string TimezoneMessage(string name) => $"{name} must be an IANA time zone such as UTC or America/New_York.";

    /// <summary>Whether an instant is inside the range every asOf keeps to.</summary>
    public static bool InRange(DateTimeOffset instant) => instant >= EarliestAsOf && instant <= LatestAsOf;

    /// <summary>Whether a date (an asOf of midnight) is inside that range in every zone.</summary>
    public static bool InRange(DateOnly date) => date.Year is >= 1900 and <= 9998;

    /// <summary>
    /// From text (a query string, the command line). Errors go to <paramref name="errors"/> under the given pointers;
    /// the time returned then is a placeholder not to be evaluated.
    /// </summary>
    public static EvaluationTime Resolve(
        string? asOf, string? timezone, DateTimeOffset now, List<SpecError> errors, string asOfAt = "/asOf", string timezoneAt = "/timezone")
    {
        var zone = ResolveZone(timezone, errors, timezoneAt);
        DateTimeOffset? instant = null;
        if (asOf is not null)
        {
            if (TimePoint.TryParse(asOf, out var point) && point is TimePoint.Instant { Value: var i } && InRange(i))
            {
                instant = i;
            }
            else if (point is TimePoint.Date { Value: var date } && InRange(date))
            {
                instant = new DateTimeOffset(new EvaluationTime(DateTimeOffset.UnixEpoch, zone).StartOfDayUtc(date), TimeSpan.Zero);
            }
            else
            {
                errors.Add(new(asOfAt, ErrorCodes.InvalidAsOf, AsOfMessage(Name(asOfAt))));
            }
        }

        return new EvaluationTime(instant ?? now, zone);
    }

    /// <summary>From a typed asOf (a body the reader validated, a LINQ call).</summary>
    public static EvaluationTime Resolve(DateTimeOffset? asOf, string? timezone, DateTimeOffset now, List<SpecError> errors, string timezoneAt = "/timezone")
    {
        var zone = ResolveZone(timezone, errors, timezoneAt);
        if (asOf is { } instant && !InRange(instant))
        {
            errors.Add(new("/asOf", ErrorCodes.InvalidAsOf, AsOfMessage("asOf")));
        }

        return new EvaluationTime(asOf ?? now, zone);
    }

    /// <summary>As <see cref="Resolve(DateTimeOffset?, string?, DateTimeOffset, List{SpecError}, string)"/>, throwing a <see cref="SegmentException"/>.</summary>
    public static EvaluationTime Resolve(DateTimeOffset? asOf, string? timezone, DateTimeOffset now)
    {
        var errors = new List<SpecError>();
        var time = Resolve(asOf, timezone, now, errors);
        return errors.Count > 0 ? throw new SegmentException(errors) : time;
    }

    /// <summary>A request's own time: its asOf (or now) in its zone (or UTC).</summary>
    public static EvaluationTime Resolve(SegmentRequest request, DateTimeOffset now) => Resolve(request.AsOf, request.Timezone, now);

    private static TimeZoneInfo ResolveZone(string? timezone, List<SpecError> errors, string at)
    {
        if (timezone is null)
        {
            return TimeZoneInfo.Utc;
        }

        if (!EvaluationTime.TryFindZone(timezone, out var zone))
        {
            errors.Add(new(at, ErrorCodes.InvalidTimezone, TimezoneMessage(Name(at))));
        }

        return zone;
    }

    // "/asOf" is the body member, "--as-of" the option: the message names what the user typed.
    private static string Name(string pointer) => pointer.TrimStart('/');
}
