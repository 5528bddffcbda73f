namespace DuckMart.Api.Dataset;

/// <summary>
/// Reads the vocabulary once at start, in the background, so that the first segment answer (whose warnings
/// need it) does not wait for a pass over the events. A failure is only logged: the first request tries again.
/// </summary>
public sealed class DatasetWarmUp(DatasetCatalog catalog, DuckMart.Data.DuckMartDatabase database) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!File.Exists(database.Path))
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
