using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace DuckMart.Segments.Spec;

/// <summary>
/// An ISO 8601 duration with the units the spec allows: weeks, days, hours, minutes, seconds
/// (<c>P30D</c>, <c>P2W</c>, <c>PT1H</c>, <c>P1DT12H</c>). No years or months: their length depends on the
/// calendar. Against instants a day is 24 hours; against dates (inLast, relative dates) it is a calendar day.
/// </summary>
[JsonConverter(typeof(IsoDurationJsonConverter))]
public readonly partial record struct IsoDuration(int Weeks, int Days, int Hours, int Minutes, decimal Seconds)
{
    /// <summary>Longer spans than this are refused: nothing DuckMart holds is older, and it keeps arithmetic far from overflow.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(366 * 200);

    public TimeSpan ToTimeSpan() =>
        TimeSpan.FromDays((Weeks * 7.0) + Days) + TimeSpan.FromHours(Hours) + TimeSpan.FromMinutes(Minutes)
        + TimeSpan.FromTicks((long)(Seconds * TimeSpan.TicksPerSecond));

    /// <summary>True when the duration is a whole number of days (no time part), as date arithmetic needs.</summary>
    public bool IsWholeDays => Hours == 0 && Minutes == 0 && Seconds == 0;

    public int TotalDays => (Weeks * 7) + Days;

    public static bool TryParse(string? text, out IsoDuration duration)
    {
        duration = default;
        if (text is null || text.Length > 64)
        {
            return false;
        }

        var m = Pattern().Match(text);
        if (!m.Success || text == "P" || text.EndsWith('T'))
        {
            return false;
        }

        if (!TryGroup(m, "w", out var w) || !TryGroup(m, "d", out var d) || !TryGroup(m, "h", out var h) || !TryGroup(m, "m", out var min))
        {
            return false;
        }

        var s = 0m;
        if (m.Groups["s"].Success && !decimal.TryParse(m.Groups["s"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out s))
        {
            return false;
        }

        if ((w * 7.0) + d + (h / 24.0) + (min / 1440.0) + ((double)s / 86400.0) > Max.TotalDays)
        {
            return false;
        }

        duration = new IsoDuration((int)w, (int)d, (int)h, (int)min, s);
        return true;
    }

    public static IsoDuration Parse(string text) =>
        TryParse(text, out var d) ? d : throw new FormatException($"'{text}' is not an ISO 8601 duration such as P30D or PT12H.");

    public override string ToString()
    {
        var date = (Weeks != 0 ? $"{Weeks}W" : "") + (Days != 0 ? $"{Days}D" : "");
        var time = (Hours != 0 ? $"{Hours}H" : "") + (Minutes != 0 ? $"{Minutes}M" : "")
            + (Seconds != 0 ? $"{Seconds.ToString(CultureInfo.InvariantCulture)}S" : "");
        return "P" + date + (time.Length > 0 ? "T" + time : "") + (date.Length == 0 && time.Length == 0 ? "0D" : "");
    }

    private static bool TryGroup(Match m, string name, out long value)
    {
        value = 0;
        return !m.Groups[name].Success || (long.TryParse(m.Groups[name].Value, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= 1_000_000);
    }

    [GeneratedRegex(@"^P(?:(?<w>\d{1,7})W)?(?:(?<d>\d{1,7})D)?(?:T(?:(?<h>\d{1,7})H)?(?:(?<m>\d{1,9})M)?(?:(?<s>\d{1,11}(?:\.\d{1,7})?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

internal sealed class IsoDurationJsonConverter : JsonConverter<IsoDuration>
{
    public override IsoDuration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && IsoDuration.TryParse(reader.GetString(), out var d)
            ? d
            : throw new JsonException("Expected an ISO 8601 duration such as P30D.");

    public override void Write(Utf8JsonWriter writer, IsoDuration value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
