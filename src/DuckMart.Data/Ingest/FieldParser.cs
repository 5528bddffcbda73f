using System.Globalization;
using System.Text;

namespace DuckMart.Data.Ingest;

/// <summary>
/// Parses the fields of the CSV input straight from the reader's UTF-8 bytes, by CONTRACT.md "CSV input".
/// Hand-written for the formats the contract names: at 50M events the general .NET parsers would
/// cost more than reading the file.
/// </summary>
public static class FieldParser
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;

    /// <summary>Removes the spaces and tabs around a value (strings are trimmed).</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> value) => value.Trim(" \t"u8);

    /// <summary>The trimmed text, or null when empty (an empty string is NULL).</summary>
    public static string? Text(ReadOnlySpan<byte> value)
    {
        var trimmed = Trim(value);
        return trimmed.IsEmpty ? null : Encoding.UTF8.GetString(trimmed);
    }

    public static bool TryInteger(ReadOnlySpan<byte> trimmed, out long value) =>
        long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary><c>yyyy-MM-dd</c> or Mockaroo's US <c>M/d/yyyy</c> (one or two digits for month and day).</summary>
    public static bool TryDate(ReadOnlySpan<byte> s, out DateOnly date)
    {
        date = default;
        int year, month, day;
        if (s.Length == 10 && s[4] == '-' && s[7] == '-')
        {
            if (!Digits(s[..4], out year) || !Digits(s.Slice(5, 2), out month) || !Digits(s.Slice(8, 2), out day))
            {
                return false;
            }
        }
        else
        {
            var first = s.IndexOf((byte)'/');
            var second = first < 0 ? -1 : s[(first + 1)..].IndexOf((byte)'/') + first + 1;
            if (first is < 1 or > 2 || second - first - 1 is < 1 or > 2 || s.Length - second - 1 != 4
                || !Digits(s[..first], out month) || !Digits(s[(first + 1)..second], out day) || !Digits(s[(second + 1)..], out year))
            {
                return false;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>
    /// ISO 8601 <c>yyyy-MM-ddTHH:mm[:ss[.f…]]</c> followed by <c>Z</c> or an offset (<c>+02:00</c>,
    /// <c>+0200</c>, <c>+02</c>), converted to UTC; or <c>yyyy-MM-dd HH:mm:ss[.f…]</c>, read as UTC
    /// (an explicit zone is honoured there too). An ISO <c>T</c> form without a zone is ambiguous and rejected.
    /// </summary>
    public static bool TryTimestamp(ReadOnlySpan<byte> s, out DateTime utc)
    {
        utc = default;
        if (s.Length < 16 || s[4] != '-' || s[7] != '-' || s[13] != ':'
            || !Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute))
        {
            return false;
        }

        var isoT = s[10] is (byte)'T' or (byte)'t';
        if (!isoT && s[10] != ' ')
        {
            return false;
        }

        var pos = 16;
        var second = 0;
        long fraction = 0;
        if (pos < s.Length && s[pos] == ':')
        {
            if (s.Length < pos + 3 || !Digits(s.Slice(pos + 1, 2), out second))
            {
                return false;
            }

            pos += 3;
            if (pos < s.Length && s[pos] is (byte)'.' or (byte)',')
            {
                pos++;
                var start = pos;
                long scale = TicksPerSecond;
                while (pos < s.Length && (uint)(s[pos] - '0') <= 9)
                {
                    scale /= 10;
                    fraction += (s[pos] - '0') * scale;
                    pos++;
                }

                if (pos == start)
                {
                    return false;
                }
            }
        }
        else if (!isoT)
        {
            return false;
        }

        if (!TryZone(s[pos..], out var offsetMinutes, out var hasZone) || (isoT && !hasZone))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var ticks = new DateTime(year, month, day).Ticks + (((hour * 60L) + minute - offsetMinutes) * 60 + second) * TicksPerSecond + fraction;
        if (ticks < 0 || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        utc = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }

    private static bool TryZone(ReadOnlySpan<byte> s, out int offsetMinutes, out bool hasZone)
    {
        offsetMinutes = 0;
        hasZone = s.Length > 0;
        if (s.IsEmpty)
        {
            return true;
        }

        if (s.Length == 1 && s[0] is (byte)'Z' or (byte)'z')
        {
            return true;
        }

        if (s[0] is not ((byte)'+' or (byte)'-'))
        {
            return false;
        }

        var sign = s[0] == '-' ? -1 : 1;
        var rest = s[1..];
        int hours, minutes = 0;
        var ok = rest.Length switch
        {
            2 => Digits(rest, out hours),
            4 => Digits(rest[..2], out hours) && Digits(rest[2..], out minutes),
            5 => rest[2] == ':' & Digits(rest[..2], out hours) && Digits(rest[3..], out minutes),
            _ => (hours = 0) != 0,
        };
        if (!ok || hours > 18 || minutes > 59)
        {
            return false;
        }

        offsetMinutes = sign * (hours * 60 + minutes);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var b in s)
        {
            var d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            value = value * 10 + (int)d;
        }

        return !s.IsEmpty;
    }
}
