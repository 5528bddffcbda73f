using System.Globalization;
using System.Text.RegularExpressions;

namespace DuckMart.Data.ClickHouse;

/// <summary>ClickHouse could not be reached or refused a statement; the message is one line for the user.</summary>
public sealed partial class ClickHouseException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The server's error code (<c>Code: 159</c> is a timeout), when it sent one.</summary>
    public int? ServerCode { get; init; }

    internal static int? CodeOf(string message) =>
        CodePattern().Match(message) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"^Code:\s*(\d+)")]
    private static partial Regex CodePattern();
}
