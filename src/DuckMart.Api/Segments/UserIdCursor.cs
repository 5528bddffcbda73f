using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace DuckMart.Api.Segments;

/// <summary>
/// The paging cursor: the last user ID of a page, as base64url text. Opaque to clients so that it can carry
/// more later (a version, the asOf) without breaking them; IDs are unique and ascending, so "after this ID"
/// is a stable position even when pages are fetched with the same asOf minutes apart.
/// </summary>
public static class UserIdCursor
{
    private const string Prefix = "u:";

    public static string Encode(long lastUserId) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + lastUserId.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecode(string? cursor, out long lastUserId)
    {
        lastUserId = 0;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 64 || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        string text;
        try
        {
            text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return false;
        }

        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out lastUserId)
            && Encode(lastUserId) == cursor;
    }
}
