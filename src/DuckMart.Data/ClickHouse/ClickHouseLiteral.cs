using System.Globalization;
using System.Text;

namespace DuckMart.Data.ClickHouse;

/// <summary>
/// Values written into ClickHouse SQL text. The server Debian ships (18.16) has no query parameters
/// (<c>{name:Type}</c> came later, FACTS.md), so every value is a literal and this is the security boundary:
/// every string that reaches ClickHouse SQL goes through <see cref="String"/>, and nothing else writes quotes.
/// </summary>
public static class ClickHouseLiteral
{
    /// <summary>
    /// A single-quoted string literal. Inside one, ClickHouse reads a backslash as an escape
    /// (https://clickhouse.com/docs/en/sql-reference/syntax#string), so backslash and quote are escaped
    /// with one, and every control character (NUL included) is written as <c>\xHH</c>, which no byte can end.
    /// Every other character is UTF-8 as is: it cannot end the literal.
    /// </summary>
    public static string String(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\':
                    text.Append(@"\\");
                    break;
                case '\'':
                    text.Append(@"\'");
                    break;
                case < ' ' or '\x7f':
                    text.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text.Append('\'').ToString();
    }

    /// <summary>An integer literal (invariant digits; <c>long.MinValue</c> parses as Int64 too).</summary>
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
}
