namespace DuckMart.Api.Dataset;

/// <summary>
/// The known word closest to a misspelled one, by edit distance ignoring case: "LOGN" finds "LOGIN",
/// "california" finds "California". Only near words are offered (about a third of the word may differ), so that
/// a name with no relative gets no suggestion rather than a random one; ties go to the more common word.
/// </summary>
public static class DidYouMean
{
    public static string? Closest(string word, IReadOnlyList<ValueCount> known)
    {
        var limit = Math.Max(1, word.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            // Known words come most common first, so a strict < keeps the more common of two equally near ones.
            var d = Distance(word, candidate.Value, Math.Min(limit, bestDistance));
            if (d <= limit && d < bestDistance)
            {
                best = candidate.Value;
                bestDistance = d;
            }
        }

        return best;
    }

    /// <summary>Levenshtein distance, case-insensitive; anything past <paramref name="cap"/> is cap + 1.</summary>
    public static int Distance(string a, string b, int cap = int.MaxValue)
    {
        if (Math.Abs(a.Length - b.Length) > cap)
        {
            return cap == int.MaxValue ? cap : cap + 1;
        }

        var previous = new int[b.Length + 1];
        var row = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            row[0] = i;
            var ca = char.ToUpperInvariant(a[i - 1]);
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = ca == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                row[j] = Math.Min(Math.Min(row[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, row) = (row, previous);
        }

        return previous[b.Length];
    }
}
