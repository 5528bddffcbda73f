using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace DuckMart.Segments.Validation;

/// <summary>
/// Turns the raw body into a <see cref="JsonDocument"/>, or reports why it cannot be one. The body is
/// scanned first with a forward-only reader, which uses no recursion: a body nested 10,000 deep is
/// refused as too_deep after reading a few dozen levels, and the document is only built once its depth is known to be safe.
/// </summary>
internal static class SpecDocument
{
    public static JsonDocument? Parse(ReadOnlySpan<byte> utf8Json, ValidationContext context)
    {
        if (utf8Json.Length > context.Limits.MaxBodyBytes)
        {
            context.Report(JsonPointer.Root, ErrorCodes.BodyTooLarge, $"The body may be at most {context.Limits.MaxBodyBytes} bytes.");
            return null;
        }

        var preamble = Encoding.UTF8.Preamble;
        if (utf8Json.StartsWith(preamble))
        {
            utf8Json = utf8Json[preamble.Length..];
        }

        // The reader checks UTF-8 only inside the strings it decodes; checking all of it up front means a bad byte is one clear error.
        if (!Utf8.IsValid(utf8Json))
        {
            context.Report(JsonPointer.Root, ErrorCodes.InvalidJson, "The body is not valid UTF-8.");
            return null;
        }

        var maxDepth = JsonDepthFor(context.Limits);
        if (!Scan(utf8Json, maxDepth, context))
        {
            return null;
        }

        // Duplicates are let through here so that SpecObject can report each one with its pointer.
        return JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = maxDepth + 1, AllowDuplicateProperties = true });
    }

    /// <summary>
    /// A condition nests its children at most two JSON levels down (<c>{"of": [ … ]}</c>) and holds values
    /// at most three (<c>{"count": {"value": [ … ]}}</c>); the envelope adds one.
    /// </summary>
    public static int JsonDepthFor(SpecLimits limits) => Math.Min((2 * limits.MaxDepth) + 8, SegmentJson.MaxDepth - 4);

    private static bool Scan(ReadOnlySpan<byte> utf8Json, int maxDepth, ValidationContext context)
    {
        // Depth is checked by hand so that too deep and malformed stay two different errors.
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = int.MaxValue });
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth > maxDepth)
                {
                    context.Report(JsonPointer.Root, ErrorCodes.TooDeep, $"The body nests more than {maxDepth} levels of JSON; conditions may nest at most {context.Limits.MaxDepth} deep.");
                    return false;
                }
            }

            return true;
        }
        catch (JsonException e)
        {
            context.Report(JsonPointer.Root, ErrorCodes.InvalidJson, $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
            return false;
        }
    }
}
