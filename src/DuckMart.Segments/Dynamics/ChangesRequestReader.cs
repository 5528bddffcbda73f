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

    public static ChangesRequest Read(ReadOnlySpan<byte> utf8Json, ISavedSegments saved, SpecLimits? limits = null)
    {
        var context = new ValidationContext(saved, limits ?? SpecLimits.Default);
        using var document = SpecDocument.Parse(utf8Json, context);
        if (document is null)
        {
            context.ThrowIfErrors();
            throw new InvalidOperationException("Unreachable: a body that does not parse is always reported.");
        }

        if (SpecObject.Open(document.RootElement, JsonPointer.Root, context, Members) is not { } body)
        {
            context.ThrowIfErrors();
            throw new InvalidOperationException("Unreachable: a body that is not an object is always reported.");
        }

        JsonElement where = default;
        if (body.Require("where", out where, out var whereAt))
        {
            new ConditionValidator(context).Validate(where, whereAt, 1);
        }

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

        ReferenceChecks.Run(context, null);
        context.ThrowIfErrors();
        var condition = DynamicsValues.ReadCondition(where);
        return new ChangesRequest(condition, from!.Value, to!.Value, zone, limit);
    }
}
