using System.Text.Json;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;

namespace DuckMart.Segments.Dynamics;

/// <summary>
/// Reads a POST /segments/changes body in one pass, as <see cref="SegmentSpecReader"/> reads a segment request:
/// every error with its JSON Pointer, then the model. The condition is validated by the same validator, so a
/// condition that POST /segments refuses is refused here with the same code.
/// </summary>
public static class ChangesRequestReader
{
    private static readonly string[] Members = ["where", "from", "to", "timezone", "limit"];

    public static ChangesRequest Read(ReadOnlySpan<byte> utf8Json, ISavedSegments saved, SpecLimits? limits = null) =>
        DynamicsValues.ReadBody(utf8Json, saved, limits, Members, ReadMembers);

    private static Func<Condition, ChangesRequest> ReadMembers(ValidationContext context, SpecObject body)
    {
        var from = DynamicsValues.RequireInstant(context, body, "from");
        var to = DynamicsValues.RequireInstant(context, body, "to");
        if (from is { } f && to is { } t && f >= t)
        {
            context.Report(JsonPointer.Root.Append("to"), ErrorCodes.InvalidWindow, "to must be later than from.");
        }

        var zone = DynamicsValues.ReadZone(context, body);
        var limit = ChangesRequest.DefaultLimit;
        if (body.TryGet("limit", out var limitValue, out var limitAt))
        {
            if (limitValue.ValueKind == JsonValueKind.Number && limitValue.TryGetInt64(out var n) && n >= 1 && n <= context.Limits.MaxPageSize)
            {
                limit = (int)n;
            }
            else
            {
                context.Report(limitAt, ErrorCodes.InvalidLimit, $"limit must be an integer from 1 to {context.Limits.MaxPageSize}; it caps each ID list.");
            }
        }

        return where => new ChangesRequest(where, from!.Value, to!.Value, zone, limit);
    }
}
