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
        Resolve(EvaluationTimeResolver.Resolve(request.AsOf, request.Timezone, arrival, errors), request.Limit, request.Cursor, request.CountOnly, request.Explain, errors);

    /// <summary>From GET /segments/{id}/users?asOf=&amp;timezone=&amp;limit=&amp;cursor=&amp;countOnly=&amp;explain=.</summary>
    public static EvaluationParameters Resolve(SavedSegmentQuery query, DateTimeOffset arrival, List<SpecError> errors) =>
        Resolve(query.AsOf, query.Timezone, query.Limit, query.Cursor, query.CountOnly, query.Explain, arrival, errors);

    /// <summary>The query string's values one by one (as the tests give them).</summary>
    public static EvaluationParameters Resolve(
        string? asOf, string? timezone, string? limit, string? cursor, string? countOnly, string? explain, DateTimeOffset arrival, List<SpecError> errors)
    {
        // An unencoded '+' of an offset arrives as a space (form encoding): read it as the '+' that was meant.
        var time = EvaluationTimeResolver.Resolve(asOf?.Replace(' ', '+'), timezone, arrival, errors);

        int? pageSize = null;
        if (limit is not null)
        {
            if (int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var l))
            {
                pageSize = l;
            }
            else
            {
                errors.Add(new("/limit", ErrorCodes.ExpectedInteger, $"limit must be a positive integer, not '{limit}'."));
            }
        }

        return Resolve(time, pageSize, cursor, ReadBool(countOnly, "countOnly", errors), ReadBool(explain, "explain", errors), errors);
    }

    private static EvaluationParameters Resolve(EvaluationTime time, int? limit, string? cursor, bool countOnly, bool explain, List<SpecError> errors)
    {
        if (limit is < 1)
        {
            errors.Add(new("/limit", ErrorCodes.InvalidLimit, "limit must be at least 1; leave it out for every ID."));
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
                errors.Add(new("/cursor", ErrorCodes.InvalidCursor, "cursor is not one this server handed out; send back a nextCursor unchanged."));
            }
        }

        return new EvaluationParameters(time, limit, after, countOnly, explain);
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

        errors.Add(new("/" + name, ErrorCodes.ExpectedBoolean, $"{name} must be true or false, not '{text}'."));
        return false;
    }
}
