using DuckMart.Data.Ingest;
using DuckMart.Data.Publishing;

namespace DuckMart.Cli.Commands;

/// <summary>The transform and load steps wired to one <see cref="Progress"/>, shared by transform, load and ingest.</summary>
internal static class ProgressSteps
{
    public static IngestPipeline Transform(Progress progress) =>
        new(progress.Line) { Advanced = (step, rows, fraction) => progress.Update($"transform {step}", fraction, rows) };

    /// <summary>DuckDB reports nothing inside one INSERT, so the bar moves per table, weighted by the rows transform wrote, without an ETA.</summary>
    public static DatabasePublisher Load(Progress progress, TransformSummary summary)
    {
        var total = Math.Max(1, summary.UsersLoaded + summary.EventsLoaded);
        progress.Update("load", 0, 0, eta: false);
        return new DatabasePublisher(progress.Line) { RowsLoaded = rows => progress.Update("load", (double)rows / total, rows, eta: false) };
    }

    /// <summary>Every input row transform read, loaded or rejected.</summary>
    public static long Rows(TransformSummary s) => s.UsersLoaded + s.UsersRejected + s.EventsLoaded + s.EventsRejected;
}
