using System.Diagnostics;
using DuckMart.Data;
using DuckMart.Segments;

namespace DuckMart.Bench;

/// <summary>Translation alone (spec model to SQL text, no execution) for one segment, in milliseconds.</summary>
public sealed record TranslationResult(
    string Segment,
    double? FirstMs,
    double? MissMs,
    double? HitMs,
    Percentiles? Hits,
    bool? SameSqlForOtherValues,
    int? Parameters,
    string? Error,
    bool? FromCache = null);

/// <summary>
/// Times SegmentQuery.Create + Explain, which builds the expression and renders its SQL without running it.
/// First: the first time this process sees the shape (suite order, after one unrelated warm-up).
/// Miss: a shape never seen, once the code paths are warm. Hit: the same shape with other values, alternating,
/// from the third sighting on: served by the engine's translation cache (Rendering/Cache) when the shape is
/// cacheable, else by linq2db's query cache; identical SQL text for both values is the proof that values
/// travel as parameters. Runs before anything executes so that "first" means first.
/// </summary>
public sealed class TranslationRunner(DuckMartDb db, SavedSegmentDictionary saved, BenchOptions options)
{
    public void WarmUp()
    {
        var body = """{ "where": { "type": "attribute", "field": "gender", "op": "isNull" }, "asOf": "2025-12-31T00:00:00Z" }"""u8.ToArray();
        Translate(body);
    }

    public TranslationResult Measure(SuiteSegment segment, int index)
    {
        try
        {
            var (first, sql, parameters, _) = Timed(segment.Body);
            var otherValues = SpecVariants.OtherValues(segment.Body);
            var (hit, otherSql, _, _) = Timed(otherValues);
            var (miss, _, _, _) = Timed(SpecVariants.NewShape(segment.Body, index));
            var hits = new List<double>(options.Iterations);
            var fromCache = true;
            for (var i = 0; i < options.Iterations; i++)
            {
                var timed = Timed(i % 2 == 0 ? segment.Body : otherValues);
                hits.Add(timed.Ms);
                fromCache &= timed.FromCache;
            }

            return new TranslationResult(segment.Name, first, miss, hit, Percentiles.Of(hits), sql == otherSql, parameters, null, fromCache);
        }
        catch (Exception e)
        {
            return new TranslationResult(segment.Name, null, null, null, null, null, null, Measurement.Describe(e));
        }
    }

    private (double Ms, string Sql, int Parameters, bool FromCache) Timed(byte[] body)
    {
        // Parsing is not translation: the spec is read before the clock starts.
        var request = SegmentSpecReader.ReadRequest(body, saved);
        var time = EngineRunner.TimeOf(request);
        var started = Stopwatch.GetTimestamp();
        var query = SegmentQuery.Create(db, request.Where, time, saved);
        var (sql, parameters) = query.Explain();
        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, sql, parameters.Count, query.FromTranslationCache);
    }

    private void Translate(byte[] body) => Timed(body);
}
