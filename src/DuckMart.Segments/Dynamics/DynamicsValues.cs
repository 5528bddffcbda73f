using System.Text.Json;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;

namespace DuckMart.Segments.Dynamics;

/// <summary>The envelope members the dynamics requests share: instants, the zone, the condition.</summary>
internal static class DynamicsValues
{
    /// <summary>The same range POST /segments allows for asOf, so every relative time still exists.</summary>
    private static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Latest = new(9999, 12, 30, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset? RequireInstant(ValidationContext context, SpecObject body, string name)
    {
        if (!body.Require(name, out var value, out var at))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out _)
            && TimePoint.TryParse(value.GetString(), out var point) && point is TimePoint.Instant { Value: var instant }
            && instant >= Earliest && instant <= Latest)
        {
            return instant;
        }

        context.Report(at, ErrorCodes.InvalidAsOf, $"{name} must be an instant with a zone, such as 2025-12-31T00:00:00Z, from 1900 to 9999.");
        return null;
    }

    public static TimeZoneInfo ReadZone(ValidationContext context, SpecObject body)
    {
        if (!body.TryGet("timezone", out var value, out var at))
        {
            return TimeZoneInfo.Utc;
        }

        if (value.ValueKind == JsonValueKind.String && EvaluationTime.TryFindZone(value.GetString(), out var zone))
        {
            return zone;
        }

        context.Report(at, ErrorCodes.InvalidTimezone, "timezone must be an IANA time zone such as UTC or America/New_York.");
        return TimeZoneInfo.Utc;
    }

    public static Condition ReadCondition(JsonElement where)
    {
        try
        {
            var condition = where.Deserialize<Condition>(SegmentJson.Options) ?? throw new JsonException("where is null.");
            return SpecNormalizer.Normalize(condition);
        }
        catch (JsonException e)
        {
            // The validator should have caught this; a 400 that names the place still beats a 500.
            throw new SegmentException([new SpecError("/where", ErrorCodes.InvalidJson, e.Message)]);
        }
    }
}
