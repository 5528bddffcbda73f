using System.Buffers;
using System.Buffers.Text;
using DuckMart.Segments;

namespace DuckMart.Api.Segments;

/// <summary>
/// Every matching user ID as <c>text/csv</c> with the header <c>user_id</c>, written in batches as they are read:
/// memory stays flat whatever the segment's size. The query has run before this result exists, so a query that
/// fails or times out still gets a proper problem answer; a failure once the body has started aborts the
/// connection (see <see cref="SegmentJsonResult"/>).
/// </summary>
public sealed class UserIdsCsvResult(UserIdReader ids) : IResult
{
    public const string ContentType = "text/csv";
    private const int BatchSize = 4096;
    private const int FlushBytes = 32 * 1024;
    private static readonly byte[] Header = "user_id\n"u8.ToArray();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var aborted = httpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType + "; charset=utf-8";
        var writer = response.BodyWriter;
        try
        {
            writer.Write(Header);
            var pending = Header.Length;
            var buffer = new long[BatchSize];
            int n;
            while ((n = ids.ReadBatch(buffer, aborted)) > 0)
            {
                var span = writer.GetSpan(n * 21);
                var written = 0;
                for (var i = 0; i < n; i++)
                {
                    Utf8Formatter.TryFormat(buffer[i], span[written..], out var w);
                    written += w;
                    span[written++] = (byte)'\n';
                }

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
        catch (Exception) when (response.HasStarted)
        {
            httpContext.Abort();
        }
        finally
        {
            await ids.DisposeAsync();
        }
    }
}
