using System.Text;

namespace DuckMart.Data.ClickHouse;

/// <summary>
/// A query result in <c>TSVWithNamesAndTypes</c>: a names row, a types row, then one line per row with
/// tab-separated cells whose tabs, newlines and backslashes are backslash-escaped and NULL is <c>\N</c>.
/// </summary>
public sealed record ClickHouseResult(IReadOnlyList<string> Names, IReadOnlyList<string> Types, IReadOnlyList<string?[]> Rows)
{
    public static async Task<ClickHouseResult> ReadAsync(Stream body, CancellationToken ct)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        var names = (await reader.ReadLineAsync(ct))?.Split('\t').Select(Unescape).ToArray() ?? [];
        var types = (await reader.ReadLineAsync(ct))?.Split('\t').Select(Unescape).ToArray() ?? [];
        var rows = new List<string?[]>();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            // TSV escapes every tab and newline inside a value, so a raw tab always separates cells.
            rows.Add(line.Split('\t').Select(c => c == "\\N" ? null : Unescape(c)).ToArray());
        }

        return new ClickHouseResult(names, types, rows);
    }

    /// <summary>Undoes ClickHouse's TSV escaping (\t \n \r \0 \\ \' \b \f).</summary>
    public static string Unescape(string cell)
    {
        if (!cell.Contains('\\', StringComparison.Ordinal))
        {
            return cell;
        }

        var text = new StringBuilder(cell.Length);
        for (var i = 0; i < cell.Length; i++)
        {
            if (cell[i] != '\\' || i + 1 == cell.Length)
            {
                text.Append(cell[i]);
                continue;
            }

            text.Append(cell[++i] switch
            {
                't' => '\t',
                'n' => '\n',
                'r' => '\r',
                '0' => '\0',
                'b' => '\b',
                'f' => '\f',
                var other => other,
            });
        }

        return text.ToString();
    }
}
