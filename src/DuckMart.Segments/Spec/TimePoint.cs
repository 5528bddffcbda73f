using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DuckMart.Segments.Spec;

/// <summary>
/// A point in time as a spec writes it: an instant with a zone (<c>2025-06-01T12:00:00Z</c>), a date
/// (midnight in the request's time zone) or a time relative to asOf (<c>-P7D</c>, <c>-PT12H</c>).
/// It becomes a UTC instant only once asOf and the zone are known (<see cref="Resolve"/>).
/// </summary>
[JsonConverter(typeof(TimePointJsonConverter))]
public abstract record TimePoint
{
    public sealed record Instant(DateTimeOffset Value) : TimePoint;

    public sealed record Date(DateOnly Value) : TimePoint;

    /// <summary><see cref="Ago"/> before asOf.</summary>
    public sealed record Relative(IsoDuration Ago) : TimePoint;


    public DateTime Resolve(EvaluationTime time) => this switch
    {
        Instant i => i.Value.UtcDateTime,
        Date d => time.StartOfDayUtc(d.Value),
        Relative r => time.AsOfUtc - r.Ago.ToTimeSpan(),
        _ => throw new InvalidOperationException(),
    };

    public static bool TryParse(string? text, out TimePoint point)
    {
        point = null!;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            return false;
        }

        if (text[0] == '-')
        {
            if (IsoDuration.TryParse(text[1..], out var ago))
            {
                point = new Relative(ago);
                return true;
            }

            return false;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            point = new Date(date);
            return true;
        }

        // An instant must say its zone: "2025-06-01T12:00:00" alone would be read differently by different people.
        if (text.Contains('T') && (text.EndsWith('Z') || text.EndsWith('z') || HasOffset(text))
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            point = new Instant(instant);
            return true;
        }

        return false;
    }

    public static TimePoint Parse(string text) =>
        TryParse(text, out var p) ? p : throw new FormatException($"'{text}' is not an instant, a date or a relative time such as -P7D.");

    private static bool HasOffset(string text)
    {
        var t = text.IndexOf('T');
        var tail = text[t..];
        return tail.Contains('+') || tail.Contains('-');
    }

    /// <summary>The spec's own spelling, for messages and for writing a model back as JSON.</summary>
    public sealed override string ToString() => this switch
    {
        Instant i => i.Value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        Date d => d.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Relative r => "-" + r.Ago,
        _ => "",
    };
}

internal sealed class TimePointJsonConverter : JsonConverter<TimePoint>
{
    public override TimePoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && TimePoint.TryParse(reader.GetString(), out var p)
            ? p
            : throw new JsonException("Expected an instant, a date or a relative time such as -P7D.");

    public override void Write(Utf8JsonWriter writer, TimePoint value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
