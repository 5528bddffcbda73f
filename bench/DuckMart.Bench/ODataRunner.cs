namespace DuckMart.Bench;

/// <summary>
/// (d) in the report: the same segment as GET /odata/Users?$filter=…&amp;$select=userId&amp;$count=true, following
/// @odata.nextLink until every ID is read (server-driven paging is part of what a client pays).
/// </summary>
public sealed class ODataRunner(HttpClient client, Uri baseAddress, BenchOptions options)
{
    /// <summary>The DuckMart-Engine header of the last first page read.</summary>
    public string? Path { get; private set; }

    public Task<Measurement> MeasureAsync(string filter, CancellationToken cancellationToken)
    {
        var first = new Uri(baseAddress, $"odata/Users?$filter={Uri.EscapeDataString(filter)}&$select=userId&$count=true");
        return Measure.RunAsync(ct => ReadAllAsync(first, ct), options.Warmup, options.Iterations, options.Budget, cancellationToken);
    }

    private async Task<RunResult> ReadAllAsync(Uri first, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        Uri? next = first;
        for (var page = 0; next is not null; page++)
        {
            if (page > 100_000)
            {
                throw new InvalidOperationException("more than 100,000 pages: the next link does not advance");
            }

            using var response = await client.GetAsync(next, cancellationToken);
            await HttpRunner.EnsureSuccessAsync(response, cancellationToken);
            if (page == 0)
            {
                Path = response.Headers.TryGetValues("DuckMart-Engine", out var path) ? string.Join(",", path) : "(none)";
            }

            var (pageIds, _, nextLink) = ResponseReader.ODataPage(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            ids.AddRange(pageIds);
            next = nextLink is null ? null : new Uri(baseAddress, nextLink);
        }

        return RunResult.OfIds(ids);
    }
}
