using System.Collections.Concurrent;
using DuckMart.Segments.Planning;
using DuckMart.Segments.Spec;
using LinqToDB;
using LinqToDB.Data;

namespace DuckMart.Segments.Rendering.Cache;

/// <summary>
/// The segment engine's own translation cache: plan shape (values taken out) to the SQL text linq2db rendered
/// for it and where each parameter's value comes from. A hit binds the new values and never enters linq2db,
/// whose own query cache still compares expression trees and, for any statement with a string parameter,
/// optimises and renders the SQL text again on every hit (docs/engine.md, "Where the time of a translation goes").
/// <para>
/// How a parameter is matched to its value: when a shape seen before first needs its SQL, the plan is rendered twice,
/// once as asked and once with every value replaced by a unique sentinel (and asOf too). The shape is cached
/// only when both texts are identical and every parameter of the sentinel render is one sentinel (it carries
/// that value) or equal in both renders (a constant of the shape). Anything computed from a value or inlined
/// as a literal fails that test, and the shape stays with linq2db. Equal values share a sentinel, because
/// linq2db merges equal parameters of one name. The first sighting pays nothing extra, so a shape asked once
/// costs what it did; learning is only ever an optimisation, so anything that goes wrong in it refuses the shape.
/// </para>
/// <para>
/// Keyed by the plan's shape (<see cref="PlanValues.Shape"/>: every structural choice the renderer reads),
/// which of its values are equal, and the time zone. One process-wide cache, because every
/// <see cref="DuckMart.Data.DuckMartDb"/> has the same mapping and provider; bounded, so a stream of
/// distinct shapes (hostile or not) cannot grow it without limit.
/// </para>
/// </summary>
internal static class TranslationCache
{
    private const int Capacity = 4096;

    private static readonly ConcurrentDictionary<string, Entry> Shapes = new(StringComparer.Ordinal);

    /// <summary>The plan's key and values; the bound SQL when its shape is cached.</summary>
    public static Lookup Find(PlanNode plan, EvaluationTime time)
    {
        var (_, _, walk) = PlanValues.Rewrite(plan, time, value => value);
        if (!walk.Cacheable)
        {
            return new Lookup(null, walk.Values, null, Learn: false);
        }

        var key = string.Concat(time.ZoneId, "\n", EqualityPattern(walk.Values), "\n", walk.Shape);
        if (Shapes.TryGetValue(key, out var entry))
        {
            if (entry.Shape is { } shape)
            {
                return new Lookup(key, walk.Values, shape.TryBind(walk.Values), Learn: false);
            }

            // Seen before: this query may teach the shape, if it is the first to ask for SQL (Learn claims it).
            return new Lookup(key, walk.Values, null, Learn: !entry.Refused && entry.Learning == 0);
        }

        if (Shapes.Count >= Capacity)
        {
            Shapes.Clear();
        }

        Shapes.TryAdd(key, new Entry());
        return new Lookup(key, walk.Values, null, Learn: false);
    }

    /// <summary>
    /// Caches the shape of <paramref name="lookup"/> when the sentinel render proves every parameter's source.
    /// <paramref name="render"/> renders a plan as the query would (its unordered and ordered ID queries). Called
    /// when a query first needs its SQL, so a query used only as a LINQ predicate (the recogniser, profiles) never
    /// pays for it; only one query learns a shape.
    /// </summary>
    public static void Learn(Lookup lookup, PlanNode plan, EvaluationTime time, (QuerySql Ids, QuerySql Ordered) asked, Func<PlanNode, EvaluationTime, (QuerySql Ids, QuerySql Ordered)> render)
    {
        if (lookup.Key is not { } key || !Shapes.TryGetValue(key, out var entry) || Interlocked.CompareExchange(ref entry.Learning, 1, 0) != 0)
        {
            return;
        }

        // Equal values share a sentinel: linq2db merges two parameters of one name and one value, so the text
        // depends on which values are equal (the key holds that pattern too).
        var sentinels = new Dictionary<object, int>();
        var perSlot = new List<object>(lookup.Values.Count);
        var firstOf = new Dictionary<object, object>();
        var (sentinelPlan, sentinelAsOf, sentinelWalk) = PlanValues.Rewrite(plan, time, value =>
        {
            var slot = perSlot.Count;
            if (!firstOf.TryGetValue(lookup.Values[slot], out var sentinel))
            {
                sentinel = Sentinel(value, slot);
                firstOf.Add(lookup.Values[slot], sentinel);
                sentinels.Add(sentinel, slot);
            }

            perSlot.Add(sentinel);
            return sentinel;
        });

        // The sentinels must come back out of the sentinel plan as they went in (no normalisation changed them).
        var sentinelTime = new EvaluationTime(new DateTimeOffset(sentinelAsOf, TimeSpan.Zero), time.Zone);
        var (_, _, check) = PlanValues.Rewrite(sentinelPlan, sentinelTime, value => value);
        RenderedSql? ids = null, ordered = null;
        if (sentinelWalk.Cacheable && check.Values.SequenceEqual(perSlot))
        {
            try
            {
                var probe = render(sentinelPlan, sentinelTime);
                ids = Match(asked.Ids, probe.Ids, lookup.Values, sentinels);
                ordered = Match(asked.Ordered, probe.Ordered, lookup.Values, sentinels);
            }
            catch (Exception e) when (e is OverflowException or InvalidCastException or ArgumentException or NotSupportedException or LinqToDB.LinqToDBException)
            {
                // A sentinel the renderer cannot take (an int column's sentinel past the thousandth value): not cached.
            }
        }

        if (ids is null || ordered is null)
        {
            entry.Refused = true;
            return;
        }

        entry.Shape = new CachedShape(ids, ordered);
    }

    private static RenderedSql? Match(QuerySql asked, QuerySql probe, IReadOnlyList<object> values, Dictionary<object, int> sentinels)
    {
        if (asked.Sql != probe.Sql || asked.Parameters.Count != probe.Parameters.Count)
        {
            return null;
        }

        var sources = new List<ParameterSource>(asked.Parameters.Count);
        for (var i = 0; i < asked.Parameters.Count; i++)
        {
            var (real, sentinel) = (asked.Parameters[i], probe.Parameters[i]);
            if (real.Name != sentinel.Name || real.DataType != sentinel.DataType || sentinel.Value is null)
            {
                return null;
            }

            if (sentinels.TryGetValue(Widened(sentinel.Value), out var slot) && Equals(values[slot], Widened(real.Value)))
            {
                sources.Add(new ParameterSource(real, slot));
            }
            else if (!sentinels.ContainsKey(sentinel.Value) && Equals(sentinel.Value, real.Value))
            {
                sources.Add(new ParameterSource(real, null));
            }
            else
            {
                return null;
            }
        }

        return new RenderedSql(asked.Sql, sources);
    }

    /// <summary>For each value, the index of the first value equal to it: "0,1,1" when the last two are equal.</summary>
    private static string EqualityPattern(IReadOnlyList<object> values)
    {
        var first = new Dictionary<object, int>();
        var pattern = new System.Text.StringBuilder(values.Count * 3);
        for (var i = 0; i < values.Count; i++)
        {
            pattern.Append(first.TryAdd(values[i], i) ? i : first[values[i]]).Append(',');
        }

        return pattern.ToString();
    }

    /// <summary>
    /// An integer parameter as the plan holds it (long): linq2db sends a value compared with an INTEGER column
    /// (age) as an int.
    /// </summary>
    private static object Widened(object? value) => value switch
    {
        int i => (long)i,
        short s => (long)s,
        _ => value!,
    };

    /// <summary>
    /// A value no spec would hold, the same after every normalisation the renderer applies (upper- or lower-casing,
    /// event-name spelling), unique per slot; numbers are whole seconds in microseconds so a <c>within</c> survives,
    /// and fit an int for the first thousand slots (an int parameter's sentinel past that overflows, and the shape is refused).
    /// </summary>
    private static object Sentinel(object value, int slot) => value switch
    {
        string => $"#{slot}#",
        long => (1_000L + slot) * 1_000_000L,
        DateTime => new DateTime(2200, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(slot * 61),
        DateOnly => new DateOnly(2200, 1, 1).AddDays(slot),
        _ => throw new NotSupportedException(value.GetType().Name),
    };

    private sealed class Entry
    {
        /// <summary>1 once a query has claimed the learning of this shape (then Shape or Refused follows).</summary>
        public int Learning;

        public volatile bool Refused;

        public volatile CachedShape? Shape;
    }

    internal sealed record CachedShape(RenderedSql Ids, RenderedSql Ordered)
    {
        /// <summary>The SQL with these values bound; null (render as usual) when a value does not fit its parameter's type.</summary>
        public BoundSql? TryBind(IReadOnlyList<object> values)
        {
            try
            {
                return new(Ids.Sql, Ids.Bind(values), Ordered.Sql, Ordered.Bind(values));
            }
            catch (OverflowException)
            {
                return null;
            }
        }
    }
}

/// <summary>The result of <see cref="TranslationCache.Find"/>: learn the shape from this query's render when <see cref="Learn"/>.</summary>
internal sealed record Lookup(string? Key, IReadOnlyList<object> Values, BoundSql? Bound, bool Learn);

/// <summary>A segment's two ID queries with their parameters bound: unordered (counted, paged) and ordered (every ID, explain).</summary>
internal sealed record BoundSql(string Ids, DataParameter[] IdsParameters, string Ordered, DataParameter[] OrderedParameters);
