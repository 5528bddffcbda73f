using System.Text.Json;

namespace DuckMart.Segments.Saved;

/// <summary>
/// One saved segment as stored and as GET returns it. <see cref="Where"/> is the condition exactly as it was
/// PUT (re-serialised without whitespace), so a definition round-trips whatever the model would print.
/// </summary>
public sealed record SavedSegment(string Id, JsonElement Where, string? Description);
