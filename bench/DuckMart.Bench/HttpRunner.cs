using System.Net.Http.Headers;
using DuckMart.Segments.Saved;

namespace DuckMart.Bench;

/// <summary>
/// (c) in the report: POST /segments over loopback HTTP to the server process, with countOnly and with
/// every ID. Timed until the whole body is read; parsing the IDs for the equality check is not timed.
/// </summary>
public sealed class HttpRunner(HttpClient client, Uri baseAddress, BenchOptions options)
{
    public async Task SaveAsync(SavedSegment saved, CancellationToken cancellationToken)
    {
        using var content = Json(saved.Definition);
        using var response = await client.PutAsync(new Uri(baseAddress, $"segments/{saved.Id}"), content, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    public Task<Measurement> MeasureAsync(SuiteSegment segment, bool countOnly, CancellationToken cancellationToken)
    {
        var body = segment.BodyWith(countOnly);
        return Measure.RunAsync(
            async ct =>
            {
                var answer = await PostAsync(body, ct);
                return RunResult.Deferred(() => ResponseReader.Segment(answer));
            },
            options.Warmup,
            options.Iterations,
            options.Budget,
            cancellationToken);
    }

    public async Task<byte[]> PostAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var content = Json(body);
        using var response = await client.PostAsync(new Uri(baseAddress, "segments"), content, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException(HttpRequestError.Unknown, $"{(int)response.StatusCode} {response.ReasonPhrase}: {(text.Length > 300 ? text[..300] : text)}", null, response.StatusCode);
        }
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
