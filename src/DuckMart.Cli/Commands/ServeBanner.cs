using DuckMart.Api.Dataset;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DuckMart.Cli.Commands;

/// <summary>
/// What `duckmart serve` says once it listens: what data it serves (so an old data set is seen at once), then one
/// plain ready line per URL with where the builder and the API docs are. Plain lines on stdout, whatever the log format.
/// </summary>
public static class ServeBanner
{
    /// <summary>How long the ready line waits for the data's summary; the server answers meanwhile either way.</summary>
    public static readonly TimeSpan DatasetWait = TimeSpan.FromSeconds(5);

    public static async Task WriteAsync(WebApplication app, string path, TextWriter output, CancellationToken ct)
    {
        if (await SummaryAsync(app, ct) is { } data)
        {
            await output.WriteLineAsync($"Serving {path}: {Describe(data)}");
        }

        foreach (var url in app.Urls)
        {
            var root = url.TrimEnd('/');
            await output.WriteLineAsync($"DuckMart Segments listening on {url} (API docs at {root}/docs)");
            await output.WriteLineAsync($"Ready: open {root}/ for the segment builder. Ctrl+C stops the server.");
        }

        await output.FlushAsync(ct);
    }

    public static string Describe(DatasetSummary data)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var users = data.Users.ToString("N0", c);
        return data.FirstEvent is { } first && data.LastEvent is { } last
            ? $"{users} users, {data.Events.ToString("N0", c)} events from {first.ToString("yyyy-MM-dd HH:mm", c)} to {last.ToString("yyyy-MM-dd HH:mm", c)} UTC"
            : $"{users} users, no events";
    }

    private static async Task<DatasetSummary?> SummaryAsync(WebApplication app, CancellationToken ct)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(DatasetWait);
        try
        {
            return (await app.Services.GetRequiredService<DatasetCatalog>().GetAsync(wait.Token))?.Dataset;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }
}
