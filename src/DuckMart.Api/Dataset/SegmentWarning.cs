using DuckMart.Segments.Validation;
namespace DuckMart.Api.Dataset;

/// <summary>
/// Something in a valid segment that the loaded data makes suspicious (CONTRACT.md section 2, "warnings"): the
/// answer is still given, since a name may be right before its first event arrives, but a person should look.
/// </summary>
public sealed record SegmentWarning(string Pointer, string Code, string Message);

/// <summary>The warnings' stable codes: the first two are CONTRACT.md's words.</summary>
public static class WarningCodes
{
    public const string UnknownEventName = ErrorCodes.Warnings.UnknownEventName;
    public const string UnknownValue = ErrorCodes.Warnings.UnknownValue;

    /// <summary>A time window that no loaded event falls in: its end is before the first event or its start after the last.</summary>
    public const string WindowOutsideData = ErrorCodes.Warnings.WindowOutsideData;
}
