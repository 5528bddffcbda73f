using System.Text;

namespace DuckMart.Data.Ingest;

/// <summary>
/// UPPER_SNAKE_CASE event names: trimmed, upper-cased, each run of spaces or hyphens one <c>_</c>
/// (<c>" added to cart"</c> is <c>ADDED_TO_CART</c>). Remembers the raw spellings it has seen, so the
/// few distinct names of a 50M-row file cost one string each instead of one per row.
/// </summary>
public sealed class EventNameNormaliser
{
    private const int MaxRemembered = 512;
    private readonly List<(byte[] Raw, string Name)> _seen = [];

    /// <summary>The normalised name, or null when the name is empty after trimming.</summary>
    public string? Normalise(ReadOnlySpan<byte> raw)
    {
        foreach (var (known, name) in _seen)
        {
            if (raw.SequenceEqual(known))
            {
                return name;
            }
        }

        var normalised = Normalise(Encoding.UTF8.GetString(raw));
        if (normalised is not null && _seen.Count < MaxRemembered)
        {
            // Interned so that equal names from different spellings share one string.
            _seen.Add((raw.ToArray(), string.Intern(normalised)));
        }

        return normalised;
    }

    /// <summary>
    /// The one spelling rule, shared with segment specs (<see cref="Domain.EventNames.Normalize"/>), so that a name
    /// in a CSV and the same name in a spec always meet; null when nothing is left.
    /// </summary>
    public static string? Normalise(string raw) => Domain.EventNames.Normalize(raw) is { Length: > 0 } name ? name : null;
}
