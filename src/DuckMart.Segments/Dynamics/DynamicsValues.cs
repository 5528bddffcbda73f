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

    /// <summary>
    /// The steps every dynamics body shares: parse, open the object with its allowed members, validate
    /// <c>where</c> with the segment validator; then <paramref name="readMembers"/> checks the endpoint's own
    /// members and returns how to build its request once the condition is read. Every error is reported in one pass.
    /// </summary>
    public static TRequest ReadBody<TRequest>(
        ReadOnlySpan<byte> utf8Json, ISavedSegments saved, SpecLimits? limits, IReadOnlyCollection<string> members,
        Func<ValidationContext, SpecObject, Func<Condition, TRequest>> readMembers)
    {
        var context = new ValidationContext(saved, limits ?? SpecLimits.Default);
        using var document = SpecDocument.Parse(utf8Json, context);
        if (document is null)
        {
            context.ThrowIfErrors();
            throw new InvalidOperationException("Unreachable: a body that does not parse is always reported.");
        }

        if (SpecObject.Open(document.RootElement, JsonPointer.Root, context, members) is not { } body)
        {
            context.ThrowIfErrors();
            throw new InvalidOperationException("Unreachable: a body that is not an object is always reported.");
        }

        if (body.Require("where", out var where, out var whereAt))
        {
            new ConditionValidator(context).Validate(where, whereAt, 1);
        }

        var build = readMembers(context, body);
        ReferenceChecks.Run(context, null);
        context.ThrowIfErrors();
        return build(ReadCondition(where));
    }

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
