using System.Text;

namespace DuckMart.Domain;

/// <summary>
/// The one spelling of an event name (CONTRACT.md "CSV input"): trimmed, upper-cased, runs of spaces or
/// hyphens become one underscore. Ingest stores names this way and segment specs are read this way,
/// so " added to cart" in a CSV and "added to cart" in a spec meet as ADDED_TO_CART.
/// </summary>
public static class EventNames
{
    public static string Normalize(string name)
    {
        var trimmed = name.Trim();
        var sb = new StringBuilder(trimmed.Length);
        var inRun = false;
        foreach (var c in trimmed)
        {
            if (c == ' ' || c == '-')
            {
                if (!inRun)
                {
                    sb.Append('_');
                }

                inRun = true;
                continue;
            }

            inRun = false;
            sb.Append(char.ToUpperInvariant(c));
        }

        return sb.ToString();
    }
}
