namespace DuckMart.Data.Ingest;

/// <summary>
/// Finds the required columns in a header row. Names match ignoring case, spaces and underscores
/// (<c>User ID</c> = <c>user_id</c> = <c>userId</c>); extra columns are ignored; the first of two
/// columns that match the same name wins.
/// </summary>
public static class HeaderMap
{
    /// <returns>For each of <paramref name="required"/>, its index in <paramref name="header"/>.</returns>
    /// <exception cref="IngestException">A required column is missing.</exception>
    public static int[] Resolve(string fileName, IReadOnlyList<string> header, IReadOnlyList<string> required)
    {
        if (header.Count == 0 || (header.Count == 1 && header[0].Trim().Length == 0))
        {
            throw new IngestException($"{fileName}: no header row (the file is empty)");
        }

        var indexes = new int[required.Count];
        var missing = new List<string>();
        for (var r = 0; r < required.Count; r++)
        {
            indexes[r] = -1;
            var wanted = Key(required[r]);
            for (var h = 0; h < header.Count; h++)
            {
                if (Key(header[h]) == wanted)
                {
                    indexes[r] = h;
                    break;
                }
            }

            if (indexes[r] < 0)
            {
                missing.Add(required[r]);
            }
        }

        if (missing.Count > 0)
        {
            var found = string.Join(",", header.Take(12).Select(h => h.Length > 40 ? h[..40] + "…" : h));
            throw new IngestException(
                $"{fileName}: missing required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} (header is: {found})");
        }

        return indexes;
    }

    public static string Key(string name) =>
        string.Concat(name.Where(c => c != ' ' && c != '_' && c != '\t' && c != '\uFEFF')).ToLowerInvariant();
}
