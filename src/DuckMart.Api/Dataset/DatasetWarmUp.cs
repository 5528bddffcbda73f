namespace DuckMart.Api.Dataset;

/// <summary>
/// Reads the vocabulary once at start, in the background, so that the first segment answer (whose warnings
/// need it) does not wait for a pass over the events (about 1 s at 1M users / 50M events on the 2-core VM). A failure
/// is only logged: the first request tries again. <c>DuckMart:WarmUp=false</c> turns it off with the engine's warm-up.
/// </summary>
public sealed class DatasetWarmUp(
    DatasetCatalog catalog, IDatasetSource source, Microsoft.Extensions.Options.IOptions<Segments.SegmentsOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!options.Value.WarmUp || !source.Exists)
        {
            return; // the first request reports what is wrong with the path
        }

        try
        {
            await catalog.GetAsync(stoppingToken);
        }
        catch (Exception)
        {
            // GetAsync has logged why; nothing is lost but speed.
        }
    }
}
