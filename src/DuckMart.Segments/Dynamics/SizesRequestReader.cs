using System.Text.Json;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;

namespace DuckMart.Segments.Dynamics;

/// <summary>
/// Reads a POST /segments/sizes body in one pass, as <see cref="ChangesRequestReader"/> reads a changes body:
/// every error with its JSON Pointer, then the model. The number of points is checked before any is listed.
/// </summary>
public static class SizesRequestReader
{
    private static readonly string[] Members = ["where", "from", "to", "every", "timezone"];

    public static SizesRequest Read(ReadOnlySpan<byte> utf8Json, ISavedSegments saved, SpecLimits? limits = null)
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
        var every = RequireEvery(context, body);
        var zone = DynamicsValues.ReadZone(context, body);
        CheckSeries(context, from, to, every);

        ReferenceChecks.Run(context, null);
        context.ThrowIfErrors();
        var condition = DynamicsValues.ReadCondition(where);
        return new SizesRequest(condition, from!.Value, to!.Value, every!.Value, zone);
    }

    /// <summary>The checks a series needs beyond its members' own: to not before from, at most MaxPoints points.</summary>
    internal static void CheckSeries(ValidationContext context, DateTimeOffset? from, DateTimeOffset? to, IsoDuration? every)
    {
        if (from is not { } f || to is not { } t)
        {
            return;
        }

        if (f > t)
        {
            context.Report(JsonPointer.Root.Append("to"), ErrorCodes.InvalidWindow, "to must not be earlier than from.");
            return;
        }

        if (every is { } step && SizePoints.Count(f, t, step.ToTimeSpan()) is var points && points > SizesRequest.MaxPoints)
        {
            context.Report(
                JsonPointer.Root.Append("every"),
                ErrorCodes.TooManyPoints,
                $"from, to and every make {points} points; at most {SizesRequest.MaxPoints} are allowed. Use a longer every or a shorter range.");
        }
    }

    private static IsoDuration? RequireEvery(ValidationContext context, SpecObject body)
    {
        if (!body.Require("every", out var value, out var at))
        {
            return null;
        }

        return SizePoints.ParseEvery(value.ValueKind == JsonValueKind.String ? value.GetString() : null) is { } every
            ? every
            : Report(context, at);

        static IsoDuration? Report(ValidationContext context, JsonPointer at)
        {
            context.Report(at, ErrorCodes.InvalidDuration, SizePoints.EveryMessage);
            return null;
        }
    }
}
