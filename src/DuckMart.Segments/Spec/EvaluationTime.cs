namespace DuckMart.Segments.Spec;

/// <summary>
/// "Now" for one evaluation and the zone calendar days are counted in. Every relative time, window and
/// date in a spec is resolved against this, so one request sees one consistent moment.
/// </summary>
public sealed record EvaluationTime
{
    public EvaluationTime(DateTimeOffset asOf, TimeZoneInfo zone)
    {
        AsOfUtc = asOf.UtcDateTime;
        Zone = zone;
    }

    public DateTime AsOfUtc { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>The IANA id DuckDB's ICU functions are given (for example America/New_York).</summary>
    public string ZoneId => Zone.HasIanaId ? Zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(Zone.Id, out var iana) ? iana : Zone.Id;

    public bool IsUtc => Zone.Id is "UTC" or "Etc/UTC" or "Etc/UCT" or "UCT" or "Etc/Universal" or "Universal" or "Zulu" or "Etc/Zulu";

    /// <summary>The calendar date of asOf in the zone: what date fields are compared against.</summary>
    public DateOnly AsOfDate => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(AsOfUtc, Zone));

    /// <summary>
    /// The UTC instant at which <paramref name="date"/> begins in the zone. Where midnight does not exist
    /// (a DST jump at 00:00, as in America/Santiago), the day begins at the first instant that does.
    /// </summary>
    public DateTime StartOfDayUtc(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var step = 0;
        while (Zone.IsInvalidTime(local) && step++ < 24 * 4)
        {
            local = local.AddMinutes(15);
        }

        if (Zone.IsAmbiguousTime(local))
        {
            // The earlier of two readings: the day starts the first time the clock shows midnight.
            var offsets = Zone.GetAmbiguousTimeOffsets(local);
            return DateTime.SpecifyKind(local - offsets.Max(), DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }

    public static bool TryFindZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            return false;
        }

        // IANA ids only: the same name must mean the same zone to .NET and to DuckDB's ICU.
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) || !found.HasIanaId)
        {
            return false;
        }

        zone = found;
        return true;
    }
}
