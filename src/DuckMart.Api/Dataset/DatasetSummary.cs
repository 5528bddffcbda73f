namespace DuckMart.Api.Dataset;

/// <summary>
/// What the loaded database holds, in a line: how many users and events, and the time the events span.
/// <see cref="FirstEvent"/> and <see cref="LastEvent"/> are null when no event is loaded. A time window
/// outside [FirstEvent, LastEvent] finds nothing, which is why the builder shows this and answers warn about it.
/// </summary>
public sealed record DatasetSummary(long Users, long Events, DateTime? FirstEvent, DateTime? LastEvent)
{
    /// <summary>
    /// An asOf that sees every loaded event: the midnight (UTC) after the last one. What the warnings suggest
    /// when a window falls after the data, as for a data set generated with an old <c>--now</c>.
    /// </summary>
    public DateTime? SuggestedAsOf => LastEvent is { } last ? last.Date.AddDays(1) : null;
}
