using System.Globalization;
using System.Text;
using DuckMart.Data;
using DuckMart.Segments.Saved;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;
using LinqToDB;
using LinqToDB.Data;

namespace DuckMart.Segments.Dynamics;

/// <summary>
/// A size series that reads the events once (<see cref="SizesPlan.EventBuckets"/>). The events before the last
/// point are grouped into per-user, per-event-name buckets one step wide, aligned so that every point and every
/// window edge falls on a bucket edge (each bucket keeps its count, first and last time; everything older than
/// the longest window is one bucket, -1). Each point then joins only the buckets before it, and every event
/// condition becomes an aggregate over them: a count is a sum, distinct days a count of buckets (one bucket is
/// one UTC day), first and last a min and max of the bucket times, compared with the point's own relative times.
/// <code>
/// WITH pts(point, t), b(user_id, event_name, k, n, mn, mx) AS (… one scan of events …),
///      agg AS (SELECT user_id, point, t, v0, v1 … FROM b JOIN pts ON b.k &lt; L + point … GROUP BY …)
/// SELECT point, (members among users with a bucket) - (of those, members with no events) + (all members with no events)
/// </code>
/// The last term: a user with no bucket before a point has every event condition at its empty value (count 0,
/// never did it), so those users are counted from <c>users</c> once, as the condition with empty events.
/// Null when the condition has a part this plan cannot express exactly (a sequence, an absolute window, a window
/// that is not whole steps, distinct days outside UTC days, an attribute that depends on asOf): the caller then
/// asks a query a point.
/// </summary>
internal static class BucketSizesSql
{
    /// <summary>
    /// The statement, and whether the engine prefers it to a query a point: measured on 1M users (docs/dynamics.md),
    /// the running-sum shape won or tied everywhere once it skipped events older than the windows; the per-point
    /// aggregates (first/last) lost to 30 small queries.
    /// </summary>
    public sealed record Statement(string Sql, DataParameter[] Parameters, bool Preferred);

    public static Statement? Render(
        DuckMartDb db, Condition where, IReadOnlyList<DateTimeOffset> points, TimeZoneInfo zone, ISavedSegments saved)
    {
        if (points.Count < 2)
        {
            return null;
        }

        var step = points[1] - points[0];
        if (step <= TimeSpan.Zero || points.Zip(points.Skip(1)).Any(p => p.Second - p.First != step))
        {
            return null;
        }

        var builder = new Builder(db, points, zone, saved, step);
        return builder.Build(where);
    }

    private sealed class Builder(DuckMartDb db, IReadOnlyList<DateTimeOffset> points, TimeZoneInfo zone, ISavedSegments saved, TimeSpan step)
    {
        private readonly List<DataParameter> _parameters = [];
        private AttributeColumns? _attributes;
        private readonly List<EventCondition> _events = [];

        private bool _eligible = true;

        private long StepUs => step.Ticks / 10;

        private bool UtcDays => step == TimeSpan.FromDays(1) && IsUtc(zone) && points[0].UtcDateTime.TimeOfDay == TimeSpan.Zero;

        public Statement? Build(Condition where)
        {
            var normalized = InlinedCondition.Of(where, saved);
            if (!_eligible || normalized is null)
            {
                return null;
            }

            // The member form collects the leaves (attribute ID queries, event conditions); the empty form reuses them.
            var member = Boolean(normalized, empty: false);
            var emptyMember = Boolean(normalized, empty: true);
            var lookback = _events.Select(WindowSteps).Where(d => d is not null).Select(d => d!.Value).DefaultIfEmpty(0).Max();
            if (!_eligible || _events.Count == 0)
            {
                // Without event conditions nothing is scanned once for all points: the other plans answer better.
                return null;
            }

            var origin = points[0].UtcDateTime - (step * lookback);
            var unbounded = _events.Any(e => e.Window?.Last is null);
            Add("dyn_origin", origin, DataType.DateTime2);
            Add("dyn_to", points[^1].UtcDateTime, DataType.DateTime2);

            var names = _events.Select(e => e.Name).Distinct().ToList();
            var nameFilter = "";
            if (names.All(n => n is not null))
            {
                var list = new List<string>();
                for (var i = 0; i < names.Count; i++)
                {
                    list.Add(Add("dyn_name" + Int(i), names[i]!, DataType.NVarChar));
                }

                nameFilter = " AND e.event_name IN (" + string.Join(", ", list) + ")";
            }

            var sql = new StringBuilder();
            sql.Append("WITH b AS (\n  SELECT e.user_id, e.event_name,\n")
                .Append("    CASE WHEN e.\"timestamp\" < CAST($dyn_origin AS TIMESTAMP) THEN -1 ELSE (epoch_us(e.\"timestamp\") - epoch_us(CAST($dyn_origin AS TIMESTAMP))) // ")
                .Append(Int(StepUs)).Append(" END AS k,\n")
                .Append("    count(*) AS n, min(e.\"timestamp\") AS mn, max(e.\"timestamp\") AS mx\n")
                .Append("  FROM events e\n  WHERE e.\"timestamp\" < CAST($dyn_to AS TIMESTAMP)")
                // Every event condition has a window within the buckets: the older events (bucket -1) count for none, so none is read.
                .Append(unbounded ? "" : " AND e.\"timestamp\" >= CAST($dyn_origin AS TIMESTAMP)")
                .Append(nameFilter)
                .Append(AttributeRestriction.For(normalized, a => Attributes[AttributeIndex(a)]) is { } restriction ? "\n    AND " + restriction : "")
                .Append("\n  GROUP BY ALL\n),\n");
            if (_events.All(Steppable))
            {
                // Since the scan skips events older than the windows, the running sums beat a query a point on every
                // bench segment they answer (12: 0.77 s against 1.73 s; 13: 6.2 s against 9.4 s; 04 about even).
                return new Statement(Steps(sql, lookback, member, emptyMember), [.. _parameters], Preferred: true);
            }

            Add("dyn_from", points[0].UtcDateTime, DataType.DateTime2);
            sql.Append("pts AS (\n  SELECT range AS point, CAST($dyn_from AS TIMESTAMP) + to_microseconds(range * ").Append(Int(StepUs))
                .Append(") AS t FROM range(0, ").Append(Int(points.Count)).Append(")\n),\n");
            sql.Append("agg AS (\n  SELECT b.user_id, pts.point, pts.t");
            for (var i = 0; i < _events.Count; i++)
            {
                sql.Append(",\n    ").Append(Aggregate(i, lookback)).Append(" AS v").Append(Int(i));
            }

            sql.Append("\n  FROM b JOIN pts ON b.k < ").Append(Int(lookback)).Append(" + pts.point");
            if (!unbounded)
            {
                sql.Append(" AND b.k >= pts.point");
            }

            sql.Append("\n  GROUP BY b.user_id, pts.point, pts.t\n)");
            AppendAttributes(sql);

            sql.Append(",\nper_point AS (\n  SELECT agg.point, count(*) FILTER (WHERE ").Append(member).Append(") AS inside, count(*) FILTER (WHERE ")
                .Append(emptyMember).Append(") AS inside_empty\n  FROM agg");
            if (Attributes.Count > 0)
            {
                sql.Append(" JOIN attrs ON attrs.user_id = agg.user_id");
            }

            sql.Append("\n  GROUP BY agg.point\n)\n");
            sql.Append("SELECT pts.point::INTEGER AS point, (coalesce(per_point.inside, 0) - coalesce(per_point.inside_empty, 0) + ").Append(WithoutEvents(emptyMember))
                .Append(")::BIGINT AS n\nFROM pts LEFT JOIN per_point ON per_point.point = pts.point\nORDER BY 1");
            return new Statement(sql.ToString(), [.. _parameters], Preferred: false);
        }

        /// <summary>
        /// The shape for counts (and distinct days of a named event): each bucket adds its count to a condition's
        /// value at the first point after it and takes it back at the first point its window has passed it, so a
        /// user's value is a running sum over these breakpoints (one window function over the user's few rows, not a
        /// row per user and point). Where a user's membership differs from the no-events form, that stretch of points
        /// adds +1 or -1 to a histogram over the points, whose running total is the size.
        /// <code>
        /// d(user_id, j, d0…)  -- +n at k + 1, -n at k + 1 + window steps
        /// agg(user_id, j, next_j, v0…) = sum(d…) OVER (PARTITION BY user_id ORDER BY j)
        /// size(point) = users with no events who are members + sum of the stretches' weights up to L + point
        /// </code>
        /// </summary>
        private string Steps(StringBuilder sql, int lookback, string member, string emptyMember)
        {
            var branches = new List<string>();
            branches.Add(DeltaBranch("b.k + 1", i => _events[i] is { DistinctDays: not null } || WindowSteps(_events[i]) is not null ? "b.k >= 0" : null, sign: ""));
            for (var i = 0; i < _events.Count; i++)
            {
                if (WindowSteps(_events[i]) is { } d)
                {
                    var leaving = i;
                    branches.Add(DeltaBranch("b.k + " + Int(1 + d), x => x == leaving ? "b.k >= 0" : "FALSE", sign: "-"));
                }
            }

            sql.Append("d AS (\n").Append(string.Join("\n  UNION ALL\n", branches)).Append("\n),\n");
            sql.Append("bp AS (\n  SELECT user_id, j");
            for (var i = 0; i < _events.Count; i++)
            {
                sql.Append(", sum(d").Append(Int(i)).Append(") AS d").Append(Int(i));
            }

            sql.Append("\n  FROM d GROUP BY user_id, j\n),\n");
            sql.Append("agg AS (\n  SELECT user_id, j, coalesce(lead(j) OVER w, ").Append(Int(lookback + points.Count)).Append(") AS next_j");
            for (var i = 0; i < _events.Count; i++)
            {
                sql.Append(", sum(d").Append(Int(i)).Append(") OVER w AS v").Append(Int(i));
            }

            sql.Append("\n  FROM bp\n  WINDOW w AS (PARTITION BY user_id ORDER BY j)\n)");
            AppendAttributes(sql);
            var first = Int(lookback);
            var end = Int(lookback + points.Count);
            sql.Append(",\nstretch AS (\n  SELECT greatest(agg.j, ").Append(first).Append(") AS s, least(agg.next_j, ").Append(end).Append(") AS e,\n")
                .Append("    (CASE WHEN ").Append(member).Append(" THEN 1 ELSE 0 END) - (CASE WHEN ").Append(emptyMember).Append(" THEN 1 ELSE 0 END) AS w\n")
                .Append("  FROM agg");
            if (Attributes.Count > 0)
            {
                sql.Append(" JOIN attrs ON attrs.user_id = agg.user_id");
            }

            sql.Append("\n  WHERE agg.next_j > ").Append(first).Append(" AND agg.j < ").Append(end).Append("\n),\n");
            sql.Append("histogram AS (\n  SELECT s AS x, sum(w) AS w FROM stretch WHERE w <> 0 GROUP BY s\n  UNION ALL\n  SELECT e, -sum(w) FROM stretch WHERE w <> 0 GROUP BY e\n)\n");
            sql.Append("SELECT pts.point::INTEGER AS point, (").Append(WithoutEvents(emptyMember)).Append(" + coalesce(sum(histogram.w), 0))::BIGINT AS n\n")
                .Append("FROM (SELECT range AS point FROM range(0, ").Append(Int(points.Count)).Append(")) pts LEFT JOIN histogram ON histogram.x <= ").Append(first).Append(" + pts.point\n")
                .Append("GROUP BY pts.point\nORDER BY 1");
            return sql.ToString();
        }

        /// <summary>One branch of the deltas: every bucket row at breakpoint <paramref name="at"/>, its count in the columns of the conditions it counts for.</summary>
        private string DeltaBranch(string at, Func<int, string?> extra, string sign)
        {
            var columns = new List<string>();
            for (var i = 0; i < _events.Count; i++)
            {
                var e = _events[i];
                var tests = new List<string>();
                if (extra(i) == "FALSE")
                {
                    columns.Add("0");
                    continue;
                }

                if (e.Name is not null)
                {
                    tests.Add("b.event_name = " + Add("dyn_d" + Int(i) + (sign.Length == 0 ? "_in" : "_out"), e.Name, DataType.NVarChar));
                }

                if (extra(i) is { } more)
                {
                    tests.Add(more);
                }

                var value = e.DistinctDays is not null ? "1" : "b.n";
                columns.Add(tests.Count == 0 ? sign + value : "CASE WHEN " + string.Join(" AND ", tests) + " THEN " + sign + value + " ELSE 0 END");
            }

            return "  SELECT b.user_id, " + at + " AS j, " + string.Join(", ", columns.Select((c, i) => c + " AS d" + Int(i))) + " FROM b";
        }

        /// <summary>Counts and named distinct days become running sums; first/last and distinct days of any event need the per-point aggregate.</summary>
        private static bool Steppable(EventCondition e) => e.First is null && e.Last is null && (e.DistinctDays is null || e.Name is not null);

        private void AppendAttributes(StringBuilder sql)
        {
            if (Attributes.Count == 0)
            {
                return;
            }

            sql.Append(",\nattrs AS (\n  SELECT u.user_id");
            for (var i = 0; i < Attributes.Count; i++)
            {
                sql.Append(",\n    u.user_id IN (\n").Append(Attributes[i]).Append("\n    ) AS a").Append(Int(i));
            }

            sql.Append("\n  FROM users u\n)");
        }

        /// <summary>How many users with no event before a point are members: the condition with every event condition empty.</summary>
        private string WithoutEvents(string emptyMember) => emptyMember switch
        {
            "FALSE" => "0",
            "TRUE" => "(SELECT count(*) FROM users)",
            _ => "(SELECT count(*) FROM attrs WHERE " + emptyMember.Replace("attrs.", "", StringComparison.Ordinal) + ")",
        };


        /// <summary>The condition as a SQL boolean over agg's v columns and attrs' a columns; with empty events when <paramref name="empty"/>.</summary>
        private string Boolean(Condition condition, bool empty) => condition switch
        {
            AndCondition a => Junction([.. a.Of.Select(c => Boolean(c, empty))], " AND ", absorbing: "FALSE", neutral: "TRUE"),
            OrCondition o => Junction([.. o.Of.Select(c => Boolean(c, empty))], " OR ", absorbing: "TRUE", neutral: "FALSE"),
            NotCondition n => Boolean(n.Of, empty) switch { "TRUE" => "FALSE", "FALSE" => "TRUE", var inner => "(NOT " + inner + ")" },
            AttributeCondition attribute => "attrs.a" + Int(AttributeIndex(attribute)),
            EventCondition e => empty ? EmptyValue(e) : EventTest(e, EventIndex(e)),
            _ => Refuse<string>(),
        };

        /// <summary>
        /// An and/or with its constant parts folded: the form with no events is often plain FALSE, and then the count
        /// of users with no events is 0 without reading a user.
        /// </summary>
        private static string Junction(IReadOnlyList<string> parts, string glue, string absorbing, string neutral)
        {
            if (parts.Contains(absorbing))
            {
                return absorbing;
            }

            var rest = parts.Where(p => p != neutral).ToList();
            return rest.Count == 0 ? neutral : rest.Count == 1 ? rest[0] : "(" + string.Join(glue, rest) + ")";
        }

        private AttributeColumns Attributes => _attributes ??= new AttributeColumns(db, points, zone, saved, _parameters);

        private int AttributeIndex(AttributeCondition attribute) => Attributes.IndexOf(attribute) ?? Refuse<int>();

        private int EventIndex(EventCondition e)
        {
            // The same object is asked twice (member and empty form); its index is its first position.
            var index = _events.FindIndex(x => ReferenceEquals(x, e));
            if (index >= 0)
            {
                return index;
            }

            if (e.Window is { From: not null } or { To: not null } || (e.DistinctDays is not null && (e.Window?.Last is null || !UtcDays)))
            {
                return Refuse<int>();
            }

            _events.Add(e);
            return _events.Count - 1;
        }

        /// <summary>How many steps the event's window is; null for no window; refused when not whole steps.</summary>
        private int? WindowSteps(EventCondition e)
        {
            if (e.Window?.Last is not { } last)
            {
                return null;
            }

            var span = last.ToTimeSpan();
            if (span.Ticks % step.Ticks != 0 || span.Ticks / step.Ticks > 10_000)
            {
                return Refuse<int?>();
            }

            return (int)(span.Ticks / step.Ticks);
        }

        /// <summary>The aggregate an event condition needs at each point, over the buckets before the point (and in its window).</summary>
        private string Aggregate(int index, int lookback)
        {
            var e = _events[index];
            var filter = new List<string>();
            if (e.Name is not null)
            {
                filter.Add("b.event_name = " + Add("dyn_e" + Int(index), e.Name, DataType.NVarChar));
            }

            if (WindowSteps(e) is { } d)
            {
                filter.Add("b.k >= pts.point + " + Int(lookback - d));
            }

            var where = filter.Count == 0 ? "" : " FILTER (WHERE " + string.Join(" AND ", filter) + ")";
            return e switch
            {
                { DistinctDays: not null } => "count(DISTINCT b.k)" + where,
                { First: not null } => "min(b.mn)" + where,
                { Last: not null } => "max(b.mx)" + where,
                _ => "coalesce(sum(b.n)" + where + ", 0)",
            };
        }

        private string EventTest(EventCondition e, int index)
        {
            var v = "agg.v" + Int(index);
            return e switch
            {
                { Count: { } count } => CountTest(v, count),
                { DistinctDays: { } days } => CountTest(v, days),
                { First: { } first } => "coalesce(" + TimeTest(v, first, index) + ", false)",
                { Last: { } last } => "coalesce(" + TimeTest(v, last, index) + ", false)",
                _ => v + " >= 1",
            };
        }

        /// <summary>The event condition for a user with no events before the point: a count of 0, never did it.</summary>
        private static string EmptyValue(EventCondition e) => e switch
        {
            { Count: { } count } => Planning.CountTest.Of(count).Holds(0) ? "TRUE" : "FALSE",
            { DistinctDays: { } days } => Planning.CountTest.Of(days).Holds(0) ? "TRUE" : "FALSE",
            _ => "FALSE",
        };

        private static string CountTest(string v, CountMeasure m) => m.Op switch
        {
            "between" => "(" + v + " BETWEEN " + Int(m.Range.Low) + " AND " + Int(m.Range.High) + ")",
            _ => "(" + v + " " + CountOperator(m.Op) + " " + Int(m.Single) + ")",
        };

        private static string CountOperator(string op) => op switch
        {
            "eq" => "=",
            "neq" => "<>",
            "gt" => ">",
            "gte" => ">=",
            "lt" => "<",
            "lte" => "<=",
            _ => throw new InvalidOperationException($"Unknown count operator '{op}'."),
        };

        private string TimeTest(string v, TimeMeasure m, int index) => m.Op switch
        {
            "before" => v + " < " + Time(m.Single, index, "v"),
            "after" => v + " >= " + Time(m.Single, index, "v"),
            "between" => "(" + v + " >= " + Time(m.Range.From, index, "v0") + " AND " + v + " < " + Time(m.Range.To, index, "v1") + ")",
            _ => throw new InvalidOperationException($"Unknown time operator '{m.Op}'."),
        };

        /// <summary>A time of a first/last measure: relative ones are measured back from each point's own t.</summary>
        private string Time(TimePoint point, int index, string suffix) => point switch
        {
            TimePoint.Relative r => "(agg.t - to_microseconds(" + Int(r.Ago.ToTimeSpan().Ticks / 10) + "))",
            _ => "CAST(" + Add("dyn_t" + Int(index) + suffix, point.Resolve(new EvaluationTime(points[0], zone)), DataType.DateTime2) + " AS TIMESTAMP)",
        };

        private string Add(string name, object value, DataType type)
        {
            _parameters.Add(new DataParameter(name, value, type));
            return "$" + name;
        }

        private T Refuse<T>()
        {
            _eligible = false;
            return default!;
        }

        private static bool IsUtc(TimeZoneInfo zone) => zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime;

        private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
