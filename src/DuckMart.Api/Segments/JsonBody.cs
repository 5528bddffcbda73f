using System.Text.Json;
using DuckMart.Segments;
using DuckMart.Segments.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DuckMart.Api.Segments;

/// <summary>
/// Reads a JSON request body as bytes, refusing what is not JSON, too large or not well-formed before the
/// spec reader sees it: each with its own status and code, and never more than the limit held in memory.
/// </summary>
public static class JsonBody
{
    /// <summary>Deeper than any valid spec (SpecLimits.MaxDepth conditions, two JSON levels each); the spec reader reports depth properly.</summary>
    private const int MaxJsonDepth = 1_000;

    public static async Task<(byte[]? Bytes, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, SegmentProblems.UnsupportedMediaType(request.ContentType));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, SegmentProblems.BodyTooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            // Chunked bodies have no Content-Length: count as we go and stop at the limit.
            if (buffer.Length + read > maxBytes)
            {
                return (null, SegmentProblems.BodyTooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.ToArray();
        return CheckWellFormed(bytes) is { } error ? (null, SegmentProblems.Invalid([error])) : (bytes, null);
    }

    /// <summary>The one invalid_json error for a body that is not a single well-formed JSON value, or null.</summary>
    public static SpecError? CheckWellFormed(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return new SpecError("", ErrorCodes.InvalidJson, "The request body is empty; send a JSON object.");
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxJsonDepth });
        try
        {
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException e)
        {
            return new SpecError("", ErrorCodes.InvalidJson, $"The request body is not valid JSON: {e.Message}");
        }
    }
}
