using System.Text.Json;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Validation;

/// <summary>
/// Reads one JSON value as the kind the spec needs there, reporting the one error that says why it is
/// not. Each returns false after reporting, so callers skip checks that would only repeat the complaint.
/// </summary>
internal static class SpecValues
{
    /// <summary>Instants and dates must stay a day inside DateTime's range, so resolving them in any zone cannot overflow.</summary>
    private static readonly DateTime Earliest = new(1, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    private static readonly DateTime Latest = new(9999, 12, 30, 0, 0, 0, DateTimeKind.Utc);

    public static bool ReadString(ValidationContext context, JsonElement element, JsonPointer at, out string value)
    {
        value = "";
        if (element.ValueKind != JsonValueKind.String)
        {
            context.Report(at, ErrorCodes.ExpectedString, $"Expected a string, found {SpecObject.Describe(element)}.");
            return false;
        }

        value = element.GetString()!;
        if (value.Length > context.Limits.MaxStringLength)
        {
            context.Report(at, ErrorCodes.StringTooLong, $"A string may hold at most {context.Limits.MaxStringLength} characters.");
            return false;
        }

        return true;
    }

    /// <summary>A JSON integer that fits 64 bits; an integer too large for that is number_out_of_range, a fraction expected_integer.</summary>
    public static bool ReadInteger(ValidationContext context, JsonElement element, JsonPointer at, out long value)
    {
        value = 0;
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value))
        {
            return true;
        }

        if (element.ValueKind == JsonValueKind.Number && IsIntegerLiteral(element.GetRawText()))
        {
            context.Report(at, ErrorCodes.NumberOutOfRange, "The number does not fit in 64 bits.");
            return false;
        }

        context.Report(at, ErrorCodes.ExpectedInteger, $"Expected an integer, found {Describe(element)}.");
        return false;
    }

    public static bool ReadIntegerIn(ValidationContext context, JsonElement element, JsonPointer at, long min, long max, out long value)
    {
        if (!ReadInteger(context, element, at, out value))
        {
            return false;
        }

        if (value < min || value > max)
        {
            context.Report(at, ErrorCodes.NumberOutOfRange, $"Expected an integer from {min} to {max}, found {value}.");
            return false;
        }

        return true;
    }

    /// <summary>true or false; null too is refused, because the model has no "unset" for these flags.</summary>
    public static bool ReadBoolean(ValidationContext context, JsonElement element, JsonPointer at, out bool value)
    {
        value = element.ValueKind == JsonValueKind.True;
        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return true;
        }

        context.Report(at, ErrorCodes.ExpectedBoolean, $"Expected true or false, found {SpecObject.Describe(element)}.");
        return false;
    }

    /// <summary>A positive ISO 8601 duration; <paramref name="wholeDays"/> allows only PnD and PnW, as date arithmetic needs.</summary>
    public static bool ReadDuration(ValidationContext context, JsonElement element, JsonPointer at, bool wholeDays, out IsoDuration value)
    {
        value = default;
        var text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        var ok = IsoDuration.TryParse(text, out value) && value.ToTimeSpan() > TimeSpan.Zero
            && (!wholeDays || value.IsWholeDays);
        if (!ok)
        {
            var expected = wholeDays ? "a whole number of days or weeks such as P30D or P2W" : "an ISO 8601 duration such as P30D, PT12H or P1DT6H";
            // P1M and P1Y are valid ISO 8601, so the user needs to hear why they are refused, not only what is expected.
            var calendar = text is not null && HasMonthsOrYears(text)
                ? " Months and years are not accepted: they have no fixed length (a month is 28 to 31 days), so the window would change size with the calendar; write days or weeks instead (P30D or P4W for about a month, P365D for a year)."
                : "";
            context.Report(at, ErrorCodes.InvalidDuration, $"Expected {expected} (longer than zero, at most 200 years), found {Describe(element)}.{calendar}");
        }

        return ok;
    }

    /// <summary>True for P1M, P2Y, -P1Y2M, P1M3D: a Y or M in the date part (before any T, where M means minutes).</summary>
    private static bool HasMonthsOrYears(string text)
    {
        var datePart = text.TrimStart('-', '+');
        var t = datePart.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        datePart = t < 0 ? datePart : datePart[..t];
        return datePart.StartsWith('P') && datePart.IndexOfAny(['Y', 'M', 'y', 'm']) > 0;
    }

    /// <summary>An instant with a zone, a date, or a time relative to asOf.</summary>
    public static bool ReadTimePoint(ValidationContext context, JsonElement element, JsonPointer at, out TimePoint value)
    {
        value = null!;
        var text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        if (!TimePoint.TryParse(text, out value))
        {
            context.Report(at, ErrorCodes.ExpectedTime,
                $"Expected an instant with a zone (2025-06-01T12:00:00Z), a date (2025-06-01) or a time before asOf (-P7D, -PT12H), found {Describe(element)}.");
            return false;
        }

        return InRange(context, value, at);
    }

    /// <summary>A date value of a date field: yyyy-MM-dd, or whole days or weeks before the date of asOf (-P30D).</summary>
    public static bool ReadDate(ValidationContext context, JsonElement element, JsonPointer at, out TimePoint value)
    {
        value = null!;
        var text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        var ok = TimePoint.TryParse(text, out value) && value is TimePoint.Date or TimePoint.Relative { Ago.IsWholeDays: true };
        if (!ok)
        {
            context.Report(at, ErrorCodes.ExpectedDate, $"Expected a date (2025-06-01) or whole days or weeks before the date of asOf (-P30D), found {Describe(element)}.");
            return false;
        }

        return InRange(context, value, at);
    }

    /// <summary>An array of at most MaxListLength elements.</summary>
    public static bool ReadArray(ValidationContext context, JsonElement element, JsonPointer at, out int length)
    {
        length = 0;
        if (element.ValueKind != JsonValueKind.Array)
        {
            context.Report(at, ErrorCodes.ExpectedArray, $"Expected an array, found {SpecObject.Describe(element)}.");
            return false;
        }

        length = element.GetArrayLength();
        if (length > context.Limits.MaxListLength)
        {
            context.Report(at, ErrorCodes.ListTooLong, $"A list may hold at most {context.Limits.MaxListLength} values; this one has {length}.");
            return false;
        }

        return true;
    }

    /// <summary>
    /// -1, 0 or 1 when two time points can be ordered without knowing asOf and the zone (both instants,
    /// both dates, or both relative); null when they cannot.
    /// </summary>
    public static int? Compare(TimePoint a, TimePoint b) => (a, b) switch
    {
        (TimePoint.Instant x, TimePoint.Instant y) => x.Value.CompareTo(y.Value),
        (TimePoint.Date x, TimePoint.Date y) => x.Value.CompareTo(y.Value),
        // Further back from asOf is earlier.
        (TimePoint.Relative x, TimePoint.Relative y) => y.Ago.ToTimeSpan().CompareTo(x.Ago.ToTimeSpan()),
        _ => null,
    };

    /// <summary>A short quote of the value for messages, never the whole of a long one.</summary>
    public static string Describe(JsonElement element)
    {
        if (element.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
        {
            return SpecObject.Describe(element);
        }

        var raw = element.GetRawText();
        return raw.Length <= 40 ? raw : raw[..40] + "…";
    }

    private static bool InRange(ValidationContext context, TimePoint value, JsonPointer at)
    {
        var utc = value switch
        {
            TimePoint.Instant i => i.Value.UtcDateTime,
            TimePoint.Date d => d.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            _ => Earliest,
        };
        if (utc < Earliest || utc > Latest)
        {
            context.Report(at, ErrorCodes.TimeOutOfRange, "Times must lie between 0001-01-02 and 9999-12-30.");
            return false;
        }

        return true;
    }

    private static bool IsIntegerLiteral(string raw)
    {
        var digits = raw.StartsWith('-') ? raw.AsSpan(1) : raw.AsSpan();
        return digits.Length > 0 && !digits.ContainsAnyExcept("0123456789");
    }
}
