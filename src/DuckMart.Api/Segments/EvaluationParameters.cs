using System.Globalization;
using DuckMart.Segments;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;

namespace DuckMart.Api.Segments;

/// <summary>
/// How to evaluate and page one segment, resolved from a POST body or a GET query string: the moment and zone,
/// the page (after which ID, how many) and what to answer. Pointers name the body member (or the query
/// parameter of the same name).
/// </summary>
public sealed record EvaluationParameters(EvaluationTime Time, int? Limit, long? After, bool CountOnly, bool Explain)
{
    /// <summary>From a POST body the spec reader has already validated; checks again what only the API depends on.</summary>
    public static EvaluationParameters Resolve(SegmentRequest request, DateTimeOffset arrival, List<SpecError> errors) =>
        Resolve(request.AsOf, request.Timezone, request.Limit, request.Cursor, request.CountOnly, request.Explain, arrival, errors);

    /// <summary>From GET /segments/{id}/users?asOf=&amp;timezone=&amp;limit=&amp;cursor=&amp;countOnly=&amp;explain=.</summary>
    public static EvaluationParameters Resolve(
        string? asOf, string? timezone, string? limit, string? cursor, string? countOnly, string? explain, DateTimeOffset arrival, List<SpecError> errors)
    {
        DateTimeOffset? instant = null;
        if (asOf is not null)
        {
            // An unencoded '+' of an offset arrives as a space (form encoding): read it as the '+' that was meant.
            asOf = asOf.Replace(' ', '+');
            if (TimePoint.TryParse(asOf, out var point) && point is TimePoint.Instant i)
            {
                instant = i.Value;
            }
            else if (point is TimePoint.Date { Value: var date } && date.Year is >= 1900 and <= 9998)
            {
                // Midnight in the request's zone, as in POST /segments (an unknown zone is reported below).
                instant = AsOfDate.StartOfDay(date, EvaluationTime.TryFindZone(timezone, out _) ? timezone : null);
            }
            else
            {
                errors.Add(new("/asOf", "invalid_instant", $"'{asOf}' is not an instant with a zone, such as 2025-12-31T00:00:00Z, or a date such as 2025-12-31."));
            }
        }

        int? pageSize = null;
        if (limit is not null)
        {
            if (int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var l))
            {
                pageSize = l;
            }
            else
            {
                errors.Add(new("/limit", "expected_integer", $"limit must be a positive integer, not '{limit}'."));
            }
        }

        return Resolve(instant, timezone, pageSize, cursor, ReadBool(countOnly, "countOnly", errors), ReadBool(explain, "explain", errors), arrival, errors);
    }

    private static EvaluationParameters Resolve(
        DateTimeOffset? asOf, string? timezone, int? limit, string? cursor, bool countOnly, bool explain, DateTimeOffset arrival, List<SpecError> errors)
    {
        var zone = TimeZoneInfo.Utc;
        if (timezone is not null && !EvaluationTime.TryFindZone(timezone, out zone))
        {
            errors.Add(new("/timezone", ErrorCodes.InvalidTimezone, $"'{timezone}' is not an IANA time zone such as Europe/Paris or UTC."));
        }

        if (limit is < 1)
        {
            errors.Add(new("/limit", "invalid_limit", "limit must be at least 1; leave it out for every ID."));
        }

        long? after = null;
        if (cursor is not null)
        {
            if (UserIdCursor.TryDecode(cursor, out var last))
            {
                after = last;
            }
            else
            {
                errors.Add(new("/cursor", "invalid_cursor", "cursor is not one this server handed out; send back a nextCursor unchanged."));
            }
        }

        return new EvaluationParameters(new EvaluationTime(asOf ?? arrival, zone), limit, after, countOnly, explain);
    }

    private static bool ReadBool(string? text, string name, List<SpecError> errors)
    {
        if (text is null)
        {
            return false;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add(new("/" + name, "expected_boolean", $"{name} must be true or false, not '{text}'."));
        return false;
    }
}
