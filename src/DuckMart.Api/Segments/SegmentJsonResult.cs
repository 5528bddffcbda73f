using System.Reflection;
using System.Text.Json;
using DuckMart.Api.Dataset;
using DuckMart.Segments;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace DuckMart.Api.Segments;

/// <summary>
/// The JSON answer of POST /segments and GET /segments/{id}/users (the shape of <see cref="SegmentResponse"/>),
/// written with a <see cref="Utf8JsonWriter"/> straight onto the response as the IDs are read: no list of IDs and
/// no JSON string of the whole answer is ever held, whatever the segment's size.
/// <para>
/// The query has already run when this result exists (<see cref="SegmentEvaluator"/> waits for it), so every
/// failure of the query is still a problem answer. <c>count</c> comes first when the query counted the whole
/// segment (a page), and after <c>userIds</c> when every ID is listed (the IDs read are the count). If anything
/// fails once the body has started (the client went away, an I/O error), the connection is aborted instead of
/// ending the JSON, so that no client can take a cut answer for a whole one.
/// </para>
/// </summary>
public sealed class SegmentJsonResult : IResult, IEndpointMetadataProvider
{
    private const int BatchSize = 4096;
    private const int FlushBytes = 32 * 1024;

    private readonly UserIdReader? _ids;
    private readonly long? _count;
    private readonly int? _limit;
    private readonly DateTime _asOf;
    private readonly (string Sql, IReadOnlyDictionary<string, object?> Parameters)? _explain;
    private readonly IReadOnlyList<SegmentWarning> _warnings;

    private SegmentJsonResult(
        UserIdReader? ids, long? count, int? limit, DateTime asOf, (string, IReadOnlyDictionary<string, object?>)? explain, IReadOnlyList<SegmentWarning>? warnings)
    {
        _warnings = warnings ?? [];
        _ids = ids;
        _count = count;
        _limit = limit;
        _asOf = asOf;
        _explain = explain;
    }

    /// <summary>countOnly: the count, no <c>userIds</c>.</summary>
    public static SegmentJsonResult CountOnly(
        long count, DateTime asOf, (string, IReadOnlyDictionary<string, object?>)? explain, IReadOnlyList<SegmentWarning>? warnings = null) =>
        new(null, count, null, asOf, explain, warnings);

    /// <summary>
    /// The IDs of <paramref name="ids"/>, at most <paramref name="limit"/>: the reader was asked for one more, and
    /// whether that one arrives says if there is a next page.
    /// </summary>
    public static SegmentJsonResult Page(
        UserIdReader ids, int? limit, DateTime asOf, (string, IReadOnlyDictionary<string, object?>)? explain, IReadOnlyList<SegmentWarning>? warnings = null) =>
        new(ids, null, limit, asOf, explain, warnings);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var options = httpContext.RequestServices.GetService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()?.Value.SerializerOptions
            ?? JsonSerializerOptions.Web;
        var aborted = httpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        var body = response.BodyWriter;
        try
        {
            await using var json = new Utf8JsonWriter(body, new JsonWriterOptions
            {
                SkipValidation = true,
                // JSON, not HTML: the explain SQL's quotes and '<' stay readable in curl output instead of \u0022 and \u003C.
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            });
            json.WriteStartObject();
            var count = _count ?? _ids?.Count;
            if (count is { } known)
            {
                json.WriteNumber("count", known);
            }

            string? nextCursor = null;
            if (_ids is not null)
            {
                json.WritePropertyName("userIds");
                json.WriteStartArray();
                var buffer = new long[BatchSize];
                var left = _limit ?? long.MaxValue;
                long last = 0;
                long flushed = 0;
                int n;
                while ((n = _ids.ReadBatch(buffer, aborted)) > 0)
                {
                    var take = (int)Math.Min(n, left);
                    for (var i = 0; i < take; i++)
                    {
                        json.WriteNumberValue(buffer[i]);
                    }

                    if (take > 0)
                    {
                        last = buffer[take - 1];
                        left -= take;
                    }

                    if (take < n)
                    {
                        // The extra ID asked for: there is a next page, and this page ends at the last ID written.
                        nextCursor = UserIdCursor.Encode(last);
                        break;
                    }

                    // Not BytesPending alone: the writer hands full buffers to the pipe itself (BytesCommitted),
                    // and the pipe keeps whatever is not flushed.
                    if (json.BytesCommitted + json.BytesPending - flushed >= FlushBytes)
                    {
                        json.Flush();
                        await body.FlushAsync(aborted);
                        flushed = json.BytesCommitted;
                    }
                }

                json.WriteEndArray();
                if (count is null)
                {
                    json.WriteNumber("count", _ids.Count ?? _ids.IdsRead);
                }
            }

            json.WriteString("nextCursor", nextCursor);
            json.WritePropertyName("asOf");
            JsonSerializer.Serialize(json, _asOf, options);
            if (_explain is var (sql, parameters))
            {
                json.WriteString("sql", sql);
                json.WritePropertyName("parameters");
                JsonSerializer.Serialize(json, parameters, options);
            }

            if (_warnings.Count > 0)
            {
                // Absent when there is nothing to warn about (CONTRACT.md section 2).
                json.WritePropertyName("warnings");
                JsonSerializer.Serialize(json, _warnings, options);
            }

            json.WriteEndObject();
            await json.FlushAsync(aborted);
            await body.FlushAsync(aborted);
        }
        catch (Exception) when (response.HasStarted)
        {
            // Part of the answer is on the wire: ending the JSON would pass a cut answer for a whole one.
            httpContext.Abort();
        }
        finally
        {
            if (_ids is not null)
            {
                await _ids.DisposeAsync();
            }
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(SegmentResponse), ["application/json"]));
}
