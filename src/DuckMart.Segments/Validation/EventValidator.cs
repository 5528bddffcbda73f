using System.Text.Json;

namespace DuckMart.Segments.Validation;

/// <summary>
/// Checks an <c>event</c> condition: its name, its window and at most one measure, each measure with an
/// operator and value of its own family (counts are integers, first/last are time points).
/// </summary>
internal sealed class EventValidator(ValidationContext context)
{
    private static readonly string[] Members = ["type", "name", "window", "count", "distinctDays", "first", "last"];
    private static readonly string[] Measures = ["count", "distinctDays", "first", "last"];
    private static readonly string[] MeasureMembers = ["op", "value"];
    private static readonly string[] CountOperators = ["eq", "neq", "gt", "gte", "lt", "lte", "between"];
    private static readonly string[] TimeOperators = ["before", "after", "between"];

    /// <summary>No user does anything more often than this; a larger count is a typo.</summary>
    private const long MaxCount = int.MaxValue;

    public void Validate(JsonElement element, JsonPointer at)
    {
        if (SpecObject.Open(element, at, context, Members) is not { } node)
        {
            return;
        }

        if (node.TryGet("name", out var name, out var nameAt))
        {
            WindowValidator.ReadEventName(context, name, nameAt);
        }

        WindowValidator.ValidateWindow(context, node);
        var measured = 0;
        foreach (var measure in Measures)
        {
            if (!node.TryGet(measure, out var value, out var measureAt))
            {
                continue;
            }

            if (++measured > 1)
            {
                context.Report(measureAt, ErrorCodes.TooManyMeasures, "An event condition takes at most one of count, distinctDays, first and last.");
            }

            if (measure is "count" or "distinctDays")
            {
                ValidateCount(value, measureAt);
            }
            else
            {
                ValidateTime(value, measureAt);
            }
        }
    }

    private void ValidateCount(JsonElement element, JsonPointer at)
    {
        if (ReadOperator(element, at, CountOperators, ErrorCodes.UnknownCountOperator) is not ({ } op, { } node)
            || !node.Require("value", out var value, out var valueAt))
        {
            return;
        }

        if (op != "between")
        {
            SpecValues.ReadIntegerIn(context, value, valueAt, 0, MaxCount, out _);
            return;
        }

        if (!IsPair(value, valueAt, "[low, high], both included"))
        {
            return;
        }

        var lowOk = SpecValues.ReadIntegerIn(context, value[0], valueAt.Append(0), 0, MaxCount, out var low);
        var highOk = SpecValues.ReadIntegerIn(context, value[1], valueAt.Append(1), 0, MaxCount, out var high);
        if (lowOk && highOk && low > high)
        {
            context.Report(valueAt, ErrorCodes.BetweenNotOrdered, "'between' needs [low, high] with low <= high.");
        }
    }

    private void ValidateTime(JsonElement element, JsonPointer at)
    {
        if (ReadOperator(element, at, TimeOperators, ErrorCodes.UnknownOperator) is not ({ } op, { } node)
            || !node.Require("value", out var value, out var valueAt))
        {
            return;
        }

        if (op != "between")
        {
            SpecValues.ReadTimePoint(context, value, valueAt, out _);
            return;
        }

        if (!IsPair(value, valueAt, "[from, to): from included, to not"))
        {
            return;
        }

        var fromOk = SpecValues.ReadTimePoint(context, value[0], valueAt.Append(0), out var from);
        var toOk = SpecValues.ReadTimePoint(context, value[1], valueAt.Append(1), out var to);
        // Only points of the same form can be ordered before asOf and the zone are known.
        if (fromOk && toOk && SpecValues.Compare(from, to) >= 0)
        {
            context.Report(valueAt, ErrorCodes.BetweenNotOrdered, "'between' needs [from, to) with from before to.");
        }
    }

    private (string? Op, SpecObject? Node) ReadOperator(JsonElement element, JsonPointer at, string[] allowed, string unknownCode)
    {
        if (SpecObject.Open(element, at, context, MeasureMembers) is not { } node
            || !node.Require("op", out var opElement, out var opAt)
            || !SpecValues.ReadString(context, opElement, opAt, out var op))
        {
            return (null, null);
        }

        if (!allowed.Contains(op))
        {
            context.Report(opAt, unknownCode, $"Unknown operator '{op}'; expected one of {string.Join(", ", allowed)}.");
            return (null, null);
        }

        return (op, node);
    }

    private bool IsPair(JsonElement value, JsonPointer at, string shape)
    {
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 2)
        {
            return true;
        }

        context.Report(at, ErrorCodes.BetweenNeedsTwo, $"'between' needs exactly two values: {shape}.");
        return false;
    }
}
