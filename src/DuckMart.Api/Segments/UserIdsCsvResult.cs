using System.Buffers;
using System.Buffers.Text;

namespace DuckMart.Api.Segments;

/// <summary>
/// Every matching user ID as <c>text/csv</c> with the header <c>user_id</c>, written as DuckDB produces them:
/// memory stays flat whatever the segment's size. The status is committed only once the first row (or the
/// end) has arrived, so that a query that fails or times out still gets a proper problem answer.
/// </summary>
public sealed class UserIdsCsvResult(ISegmentEvaluation evaluation, QueryDeadline deadline) : IResult
{
    public const string ContentType = "text/csv";
    private const int FlushBytes = 32 * 1024;
    private static readonly byte[] Header = "user_id\n"u8.ToArray();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await using var ids = evaluation.StreamUserIdsAsync(null, null, deadline.Token).GetAsyncEnumerator(deadline.Token);
        var hasFirst = await ids.MoveNextAsync();
        deadline.Disarm();

        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType + "; charset=utf-8";
        var writer = httpContext.Response.BodyWriter;
        writer.Write(Header);
        var pending = Header.Length;
        var aborted = httpContext.RequestAborted;
        for (var more = hasFirst; more; more = await ids.MoveNextAsync())
        {
            var span = writer.GetSpan(24);
            Utf8Formatter.TryFormat(ids.Current, span, out var written);
            span[written++] = (byte)'\n';
            writer.Advance(written);
            pending += written;
            if (pending >= FlushBytes)
            {
                await writer.FlushAsync(aborted);
                pending = 0;
            }
        }

        await writer.FlushAsync(aborted);
    }
}
