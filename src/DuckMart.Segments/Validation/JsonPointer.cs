namespace DuckMart.Segments.Validation;

/// <summary>
/// An RFC 6901 JSON Pointer, built one reference token at a time as the validator walks the body.
/// Immutable, so a child pointer never disturbs its parent's.
/// </summary>
internal readonly record struct JsonPointer(string Value)
{
    /// <summary>The whole document: the empty string, per RFC 6901.</summary>
    public static readonly JsonPointer Root = new("");

    public JsonPointer Append(string token) => new(Value + "/" + Escape(token));

    public JsonPointer Append(int index) => new(Value + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>"~" must become "~0" before "/" becomes "~1", or "/" would turn into "~01".</summary>
    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public override string ToString() => Value;
}
