using System.Text.Json;
using DuckMart.Domain;

namespace DuckMart.Segments.Validation;

/// <summary>
/// The parts <c>event</c> and <c>sequence</c> share: the <c>window</c> object and event names, which are
/// normalised as ingest normalises them and must not be empty after that.
/// </summary>
internal static class WindowValidator
{
    private static readonly string[] Members = ["last", "from", "to"];

    public static void ValidateWindow(ValidationContext context, SpecObject owner)
    {
        if (!owner.TryGet("window", out var element, out var at) || SpecObject.Open(element, at, context, Members) is not { } window)
        {
            return;
        }

        var hasLast = window.TryGet("last", out var last, out var lastAt);
        if (hasLast)
        {
            SpecValues.ReadDuration(context, last, lastAt, wholeDays: false, out _);
        }

        var from = ReadBound(context, window, "from");
        var to = ReadBound(context, window, "to");
        if (hasLast && (window.TryGet("from", out _, out _) || window.TryGet("to", out _, out _)))
        {
            context.Report(at, ErrorCodes.InvalidWindow, "A window is either { \"last\": D } or { \"from\": T1, \"to\": T2 }, not both.");
        }
        else if (from is not null && to is not null && SpecValues.Compare(from, to) >= 0)
        {
            context.Report(at, ErrorCodes.InvalidWindow, "The window is [from, to): 'from' must be before 'to'.");
        }
    }

    /// <summary>A name to match event names against; false after reporting when it is not a usable one.</summary>
    public static bool ReadEventName(ValidationContext context, JsonElement element, JsonPointer at)
    {
        if (!SpecValues.ReadString(context, element, at, out var name))
        {
            return false;
        }

        if (EventNames.Normalize(name).Length == 0)
        {
            context.Report(at, ErrorCodes.EmptyName, "An event name must not be empty or only spaces.");
            return false;
        }

        return true;
    }

    private static Spec.TimePoint? ReadBound(ValidationContext context, SpecObject window, string name) =>
        window.TryGet(name, out var element, out var at) && SpecValues.ReadTimePoint(context, element, at, out var point) ? point : null;
}
