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

    public static SizesRequest Read(ReadOnlySpan<byte> utf8Json, ISavedSegments saved, SpecLimits? limits = null) =>
        DynamicsValues.ReadBody(utf8Json, saved, limits, Members, ReadMembers);

    private static Func<Condition, SizesRequest> ReadMembers(ValidationContext context, SpecObject body)
    {
        var from = DynamicsValues.RequireInstant(context, body, "from");
        var to = DynamicsValues.RequireInstant(context, body, "to");
        var every = RequireEvery(context, body);
        var zone = DynamicsValues.ReadZone(context, body);
        CheckSeries(context, from, to, every);
        return where => new SizesRequest(where, from!.Value, to!.Value, every!.Value, zone);
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
