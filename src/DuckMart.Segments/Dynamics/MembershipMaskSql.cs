using System.Globalization;
using System.Text;
using DuckMart.Data;
using DuckMart.Domain;
using DuckMart.Segments.Planning;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;
using LinqToDB;
using LinqToDB.Data;

namespace DuckMart.Segments.Dynamics;

/// <summary>
/// A size series as each user's membership at every point, the bits of one number (<see cref="SizesPlan.MembershipMasks"/>).
/// It answers conditions whose events matter only by whether one happened in some stretch before the point: a plain
/// event, a count or distinct days compared with 0 or 1, and first/last measured back from asOf. Each becomes
/// "some event in [t - b, t - a)" (whole steps; b open for no window):
/// <code>
/// first after -X  = some in [t - W, t) and none in [t - W, t - X)      last before -X = some in [t - W, t) and none in [t - min(X, W), t)
/// first before -X = some in [t - W, t - X)                             last after -X  = some in [t - min(X, W), t)
/// </code>
/// An event in step bucket k is in that stretch at the points k + 1 + a … k + b, a run of bits, so one GROUP BY
/// user reads the events once and ORs the runs (a stretch with no end needs only the user's first bucket); and, or
/// and not are the bitwise operators, an attribute all ones or none. The sizes are then a count of users a mask,
/// summed over the masks with each point's bit set:
/// <code>
/// WITH ev AS (SELECT user_id, event_name, k FROM events …), u AS (SELECT user_id, bit_or(…) AS p0, min(k) AS p1 … GROUP BY user_id),
///      m AS (SELECT &lt;the condition's mask&gt; AS mask, count(*) AS c FROM u … GROUP BY 1)
/// SELECT i, sum(c) FILTER (WHERE (mask &gt;&gt; i) &amp; 1 = 1) FROM range(N), m …
/// </code>
/// When the condition is an and with parts of attributes only, only those parts' users are read (<see cref="AttributeRestriction"/>). Measured on 1M users
/// (docs/dynamics.md): 30 daily sizes of "last LOGIN more than 30 days ago" in 0.39 s against 0.14 s for one
/// evaluation, where the running-sum buckets took 5 s. Counts and distinct days above 1 in a window are and/not of
/// "at least c events in the window", each a run of bits per event (see <c>AppendCounted</c>). Null when a part is
/// beyond it (a count above 1 with no window, distinct days above 1 outside UTC days, an absolute time or window, a
/// time that is not whole steps, more than 62 points, an attribute that moves with asOf). Sequences with no window or
/// a window <c>last</c> are runs per chain end (see <c>AppendSequence</c>).
/// </summary>
internal static class MembershipMaskSql
{
    /// <summary>The most points one BIGINT mask holds with room for the run arithmetic (1 &lt;&lt; (N + 1) stays positive).</summary>
    public const int MaxPoints = 62;

    public static (string Sql, DataParameter[] Parameters)? Render(
        DuckMartDb db, Condition where, IReadOnlyList<DateTimeOffset> points, TimeZoneInfo zone, ISavedSegments saved)
    {
        if (points.Count < 2 || points.Count > MaxPoints)
        {
            return null;
        }

        var step = points[1] - points[0];
        if (step <= TimeSpan.Zero || points.Zip(points.Skip(1)).Any(p => p.Second - p.First != step))
        {
            return null;
        }

        return new Builder(db, points, zone, saved, step).Build(where);
    }

    /// <summary>
    /// At least <paramref name="AtLeast"/> events named <paramref name="Name"/> (any when null) in [t - To steps, t - From
    /// steps); no lower end when To is null. Above one event (a count, or distinct days when <paramref name="Days"/>:
    /// step buckets that are UTC days) only whole windows, From 0, are asked.
    /// </summary>
    private sealed record Stretch(string? Name, int From, int? To, long AtLeast = 1, bool Days = false, SequenceCondition? Sequence = null)
    {
        public bool Counted => AtLeast > 1;

        /// <summary>Read by a query of its own (counted events, a sequence), not by the shared scan of plain stretches.</summary>
        public bool OwnSource => Counted || Sequence is not null;
    }

    private sealed class Builder(DuckMartDb db, IReadOnlyList<DateTimeOffset> points, TimeZoneInfo zone, ISavedSegments saved, TimeSpan step)
    {
        private const string None = "0";

        private readonly List<DataParameter> _parameters = [];
        private AttributeColumns? _attributes;
        private readonly List<Stretch> _stretches = [];

        private bool _eligible = true;

        private int N => points.Count;

        private string All => Int((1L << N) - 1);

        public (string Sql, DataParameter[] Parameters)? Build(Condition where)
        {
            var normalized = InlinedCondition.Of(where, saved);
            if (!_eligible || normalized is null)
            {
                return null;
            }

            var masked = Mask(normalized, empty: false);
            var emptyMember = Mask(normalized, empty: true);
            if (!_eligible || _stretches.Count == 0)
            {
                return null;
            }

            // Every stretch must reach back no further than the buckets do: the events older than the first bucket are one bucket, -1.
            var lookback = _stretches.Select(s => Math.Max(s.From, s.To ?? 0)).Max();
            var member = masked;
            for (var i = 0; i < _stretches.Count; i++)
            {
                member = member.Replace("{P" + Int(i) + "}", "(" + Present(i, lookback) + ")", StringComparison.Ordinal);
            }

            var origin = points[0].UtcDateTime - (step * lookback);
            var sql = new StringBuilder("WITH ");

            // When a user with no events is a member at no point whatever the attributes (the empty mask folds to 0),
            // only the users with events can count: the attribute columns are then computed for those users alone,
            // after u, instead of for all 1M (12, purchases >= 3 in 30 days and iOS: 92 -> 58 ms in one probe run).
            var attributesOfEventUsers = Attributes.Count > 0 && emptyMember == None;
            if (Attributes.Count > 0 && !attributesOfEventUsers)
            {
                AppendAttributes(sql, "FROM users u");
            }

            var originSql = Add("dyn_origin", origin, DataType.DateTime2);
            var toSql = Add("dyn_to", points[^1].UtcDateTime, DataType.DateTime2);
            var restriction = AttributeRestriction.For(normalized, a => Attributes[AttributeIndex(a)]);
            var plain = Enumerable.Range(0, _stretches.Count).Where(i => !_stretches[i].OwnSource).ToList();
            var own = Enumerable.Range(0, _stretches.Count).Where(i => _stretches[i].OwnSource).ToList();
            if (plain.Count > 0)
            {
                sql.Append("ev AS (\n  SELECT e.user_id, e.event_name,\n")
                    .Append("    CASE WHEN e.\"timestamp\" < ").Append(originSql).Append(" THEN -1 ELSE ").Append(Bucket("epoch_us(e.\"timestamp\")"))
                    .Append(" END AS k\n  FROM events e\n  WHERE e.\"timestamp\" < ").Append(toSql);
                if (plain.All(i => _stretches[i].To is not null))
                {
                    // Every stretch ends within the buckets: older events are in none of them.
                    sql.Append(" AND e.\"timestamp\" >= CAST($dyn_origin AS TIMESTAMP)");
                }

                var names = plain.Select(i => _stretches[i].Name).Distinct().ToList();
                if (names.All(n => n is not null))
                {
                    sql.Append(" AND e.event_name IN (").Append(string.Join(", ", names.Select((n, i) => Add("dyn_name" + Int(i), n!, DataType.NVarChar)))).Append(')');
                }

                if (restriction is not null)
                {
                    sql.Append("\n    AND ").Append(restriction);
                }

                sql.Append("\n),\n").Append(own.Count == 0 ? "u" : "u0").Append(" AS (\n  SELECT ev.user_id");
                foreach (var i in plain)
                {
                    sql.Append(",\n    ").Append(Gathered(i, lookback)).Append(" AS p").Append(Int(i));
                }

                sql.Append("\n  FROM ev\n  GROUP BY ev.user_id\n),\n");
            }

            foreach (var i in own)
            {
                if (_stretches[i].Sequence is { } sequence)
                {
                    AppendSequence(sql, i, sequence, lookback, restriction);
                }
                else
                {
                    AppendCounted(sql, i, lookback, origin, restriction);
                }
            }

            if (own.Count > 0)
            {
                // Each source has a row for the users it saw; a user missing from one has none of its events (coalesced to 0 in m).
                var sources = (plain.Count > 0 ? ["u0"] : new List<string>()).Concat(own.Select(i => Source(i) + "_runs")).ToList();
                sql.Append("u AS (\n  SELECT user_id");
                for (var i = 0; i < _stretches.Count; i++)
                {
                    sql.Append(", p").Append(Int(i));
                }

                sql.Append("\n  FROM ").Append(string.Join(" FULL JOIN ", sources.Select((x, j) => j == 0 ? x : x + " USING (user_id)"))).Append("\n),\n");
            }

            if (attributesOfEventUsers)
            {
                AppendAttributes(sql, "FROM users u WHERE u.user_id IN (SELECT e.user_id FROM u e)");
            }

            sql.Append("m AS (\n  SELECT ").Append(member).Append(" AS mask, count(*) AS c\n  FROM ")
                .Append(attributesOfEventUsers ? "u LEFT JOIN attrs ON attrs.user_id = u.user_id"
                    : Attributes.Count > 0 ? "attrs LEFT JOIN u ON u.user_id = attrs.user_id" : "u").Append("\n  GROUP BY 1");
            if (Attributes.Count == 0 && emptyMember != None)
            {
                // Users with no event before the last point have no row in u; with no attributes their mask is a constant.
                sql.Append("\n  UNION ALL\n  SELECT ").Append(emptyMember).Append(", count(*) FROM users WHERE user_id NOT IN (SELECT user_id FROM u)");
            }

            sql.Append("\n)\nSELECT r.i::INTEGER AS point, coalesce(sum(m.c) FILTER (WHERE ((m.mask >> r.i) & 1) = 1), 0)::BIGINT AS n\n")
                .Append("FROM range(0, ").Append(Int(N)).Append(") r(i) LEFT JOIN m ON TRUE\nGROUP BY r.i\nORDER BY 1");
            return (sql.ToString(), [.. _parameters]);
        }

        /// <summary>
        /// A sequence (steps in order, each at most its <c>within</c> after the one before, an optional absent last
        /// step, an optional window <c>last</c>) as a stretch of its own; a window with a start or an end is refused.
        /// </summary>
        private string Sequence(SequenceCondition q, bool empty)
        {
            if (q.Window is { From: not null } or { To: not null })
            {
                return Refuse<string>();
            }

            if (q.Window?.Last is { } last)
            {
                Steps(last.ToTimeSpan()); // refuses a window that is not whole steps (kept as the other stretches have it)
            }

            return empty ? None : Stretch(new Stretch(null, 0, 0, Sequence: q));
        }

        /// <summary>
        /// The points at which a sequence holds, per user, in one read of its steps' events. Level by level over each
        /// user's events in time order, a step-j event gets the latest start of a chain of steps 1 … j ending at it:
        /// its own time for step 1, else the latest start among the step-(j-1) events strictly earlier and at most
        /// <c>within</c> before (<c>max … OVER (… RANGE BETWEEN $within PRECEDING AND CURRENT ROW EXCLUDE GROUP)</c>).
        /// A chain end e with latest start s counts at point t exactly when e &lt; t, t &lt;= s + W in a window
        /// <c>last W</c> (the whole chain inside [t - W, t)), and, with an absent last step, t &lt;= n when n, the
        /// first such event strictly after e, is at most its <c>within</c> after e (from t on it is seen). That is a
        /// run of bits per chain end, ORed per user. Only events before the last point are read, and with a window
        /// none before the first point's window.
        /// </summary>
        private void AppendSequence(StringBuilder sql, int index, SequenceCondition q, int lookback, string? restriction)
        {
            var name = Source(index);
            var absent = q.Steps[^1].Absent ? q.Steps[^1] : null;
            var chain = q.Steps.Take(absent is null ? q.Steps.Count : q.Steps.Count - 1).ToList();
            var names = q.Steps.Select(s => EventNames.Normalize(s.Name)).ToList();
            var nameArgs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var n in names.Distinct())
            {
                nameArgs[n] = Add("dyn_" + name + "_n" + Int(nameArgs.Count), n, DataType.NVarChar);
            }

            string Last(string us) => "CASE WHEN " + us + " < " + OriginUs + " THEN -1 ELSE " + Bucket(us) + " - " + Int(lookback) + " END";
            long? windowUs = q.Window?.Last is { } w ? w.ToTimeSpan().Ticks / 10 : null;

            sql.Append(name).Append("_0 AS (\n  SELECT e.user_id, epoch_us(e.\"timestamp\") AS t, e.event_name AS name,\n    CASE WHEN e.event_name = ")
                .Append(nameArgs[names[0]]).Append(" THEN epoch_us(e.\"timestamp\") END AS l1\n  FROM events e\n")
                .Append("  WHERE e.\"timestamp\" < CAST($dyn_to AS TIMESTAMP) AND e.event_name IN (").Append(string.Join(", ", names.Distinct().Select(n => nameArgs[n]))).Append(')');
            if (windowUs is { } windowLow)
            {
                // The first point's window starts at origin + L steps - W; nothing older is in any chain.
                sql.Append(" AND e.\"timestamp\" >= ").Append(Add("dyn_" + name + "_from", points[0].UtcDateTime - TimeSpan.FromTicks(windowLow * 10), DataType.DateTime2));
            }

            if (restriction is not null)
            {
                sql.Append("\n    AND ").Append(restriction);
            }

            sql.Append("\n),\n");
            for (var j = 1; j < chain.Count; j++)
            {
                var frame = chain[j].Within is { } within
                    ? Add("dyn_" + name + "_w" + Int(j + 1), within.ToTimeSpan().Ticks / 10, DataType.Int64) + " PRECEDING"
                    : "UNBOUNDED PRECEDING";
                sql.Append(name).Append('_').Append(Int(j)).Append(" AS (\n  SELECT x.*, CASE WHEN x.name = ").Append(nameArgs[names[j]])
                    .Append(" THEN max(x.l").Append(Int(j)).Append(") OVER (PARTITION BY x.user_id ORDER BY x.t RANGE BETWEEN ").Append(frame)
                    .Append(" AND CURRENT ROW EXCLUDE GROUP) END AS l").Append(Int(j + 1)).Append("\n  FROM ").Append(name).Append('_').Append(Int(j - 1)).Append(" x\n),\n");
            }

            var ends = name + "_" + Int(chain.Count - 1);
            var start = "x.l" + Int(chain.Count);
            var hi = Int(N - 1);
            var nextAbsent = string.Empty;
            if (absent is not null)
            {
                nextAbsent = ", min(CASE WHEN x.name = " + nameArgs[names[^1]] + " THEN x.t END) OVER (PARTITION BY x.user_id ORDER BY x.t RANGE BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS nb";
                // Without within (the validator requires one) "absent" means no such event ever after the chain.
                var seen = absent.Within is { } d ? "y.nb IS NOT NULL AND y.nb <= y.t + " + Add("dyn_" + name + "_within", d.ToTimeSpan().Ticks / 10, DataType.Int64) : "y.nb IS NOT NULL";
                hi = "CASE WHEN " + seen + " THEN " + Last("y.nb") + " ELSE " + hi + " END";
            }

            if (windowUs is { } window)
            {
                hi = "least(" + hi + ", " + Last("y.s + " + Add("dyn_" + name + "_window", window, DataType.Int64)) + ")";
            }

            var lo = "CASE WHEN y.t < " + OriginUs + " THEN 0 ELSE " + Bucket("y.t") + " + " + Int(1 - lookback) + " END";
            sql.Append(name).Append("_runs AS (\n  SELECT y.user_id, bit_or(").Append(Run(lo, hi)).Append(") AS p").Append(Int(index))
                .Append("\n  FROM (\n    SELECT x.user_id, x.t, ").Append(start).Append(" AS s").Append(nextAbsent).Append("\n    FROM ").Append(ends).Append(" x\n  ) y\n")
                .Append("  WHERE y.s IS NOT NULL\n  GROUP BY y.user_id\n),\n");
        }

        /// <summary>
        /// A stretch of at least c events (or c distinct days) in each point's window, per user: the events of its name
        /// in the buckets any window reaches, only of users with c of them in all, each with the bucket of the event
        /// c - 1 later (<c>lead</c> over the user's buckets in order). The window at point i holds c events exactly
        /// when some event j and the one c - 1 later are both inside it, i.e. i in [k(j + c - 1) + 1 - L, k(j) + W - L]:
        /// a run of bits, ORed per user.
        /// <code>
        /// c AS (SELECT user_id, k FROM events …), c_users AS (… HAVING count(*) &gt;= c),
        /// c_runs AS (SELECT user_id, bit_or(run(kc + 1 - L, k + W - L)) FROM (… lead(k, c - 1) OVER (PARTITION BY user_id ORDER BY k) AS kc …))
        /// </code>
        /// Measured on 1M users (docs/dynamics.md, one quick run): 30 daily sizes of "PURCHASE_MADE at least 3 times in
        /// 30 days" in 2.4x one evaluation (25.7 against 10.8 ms), where the running-sum buckets took 20.4x.
        /// </summary>
        private void AppendCounted(StringBuilder sql, int index, int lookback, DateTime origin, string? restriction)
        {
            var s = _stretches[index];
            var c = Source(index);
            var window = s.To!.Value;
            sql.Append(c).Append(" AS (\n  SELECT ").Append(s.Days ? "DISTINCT " : "").Append("e.user_id, ").Append(Bucket("epoch_us(e.\"timestamp\")"))
                .Append(" AS k\n  FROM events e\n  WHERE e.\"timestamp\" >= ")
                .Append(Add("dyn_" + c + "_from", origin + (step * (lookback - window)), DataType.DateTime2))
                .Append(" AND e.\"timestamp\" < CAST($dyn_to AS TIMESTAMP)");
            if (s.Name is not null)
            {
                sql.Append(" AND e.event_name = ").Append(Add("dyn_" + c + "_name", s.Name, DataType.NVarChar));
            }

            if (restriction is not null)
            {
                sql.Append("\n    AND ").Append(restriction);
            }

            var atLeast = Add("dyn_" + c + "_n", s.AtLeast, DataType.Int64);
            sql.Append("\n),\n").Append(c).Append("_users AS (\n  SELECT user_id FROM ").Append(c).Append(" GROUP BY user_id HAVING count(*) >= ").Append(atLeast).Append("\n),\n")
                .Append(c).Append("_runs AS (\n  SELECT w.user_id, bit_or(").Append(Run("w.kc + " + Int(1 - lookback), "w.k + " + Int(window - lookback))).Append(") AS p").Append(Int(index))
                .Append("\n  FROM (\n    SELECT ").Append(c).Append(".user_id, ").Append(c).Append(".k, lead(").Append(c).Append(".k, ").Append(atLeast).Append(" - 1) OVER (PARTITION BY ")
                .Append(c).Append(".user_id ORDER BY ").Append(c).Append(".k) AS kc\n    FROM ").Append(c).Append(" SEMI JOIN ").Append(c).Append("_users USING (user_id)\n  ) w\n")
                .Append("  WHERE w.kc IS NOT NULL\n  GROUP BY w.user_id\n),\n");
        }

        /// <summary>
        /// A stretch's value per user: with an end, the OR of each event's run of points (bucket k is inside at points
        /// k + 1 + From … k + To); without one, the user's first bucket (the run starts there and never stops).
        /// </summary>
        private string Gathered(int index, int lookback)
        {
            var s = _stretches[index];
            var filter = s.Name is null ? "" : " FILTER (WHERE ev.event_name = " + Add("dyn_s" + Int(index), s.Name, DataType.NVarChar) + ")";
            return s.To is { } to
                ? "bit_or(" + Run("ev.k + " + Int(1 + s.From - lookback), "ev.k + " + Int(to - lookback)) + ")" + filter
                : "min(ev.k)" + filter;
        }

        /// <summary>The CTE name of an own-source stretch: <c>q</c>N for a sequence, <c>c</c>N for a count above one.</summary>
        private string Source(int index) => (_stretches[index].Sequence is null ? "c" : "q") + Int(index);

        private const string OriginUs = "epoch_us(CAST($dyn_origin AS TIMESTAMP))";

        /// <summary>The step bucket of a time in microseconds, counted from the origin (valid for times at or after it).</summary>
        private string Bucket(string micros) => "(" + micros + " - " + OriginUs + ") // " + Int(step.Ticks / 10);

        /// <summary><c>attrs</c>: one boolean column a0, a1, … per attribute test, for the users <paramref name="from"/> reads.</summary>
        private void AppendAttributes(StringBuilder sql, string from)
        {
            sql.Append("attrs AS (\n  SELECT u.user_id");
            for (var i = 0; i < Attributes.Count; i++)
            {
                sql.Append(",\n    u.user_id IN (\n").Append(Attributes[i]).Append("\n    ) AS a").Append(Int(i));
            }

            sql.Append("\n  ").Append(from).Append("\n),\n");
        }

        /// <summary>The stretch's mask at the m stage, 0 for a user with no row.</summary>
        private string Present(int index, int lookback)
        {
            var s = _stretches[index];
            var p = "u.p" + Int(index);
            return s.To is null
                ? "CASE WHEN " + p + " IS NULL THEN 0 ELSE " + Run(p + " + " + Int(1 + s.From - lookback), Int(N - 1)) + " END"
                : "coalesce(" + p + ", 0)";
        }

        /// <summary>The bits lo … hi of the points (clipped to 0 … N - 1), as a BIGINT; 0 when the run is empty.</summary>
        private string Run(string lo, string hi)
        {
            var from = "greatest(" + lo + ", 0)";
            var to = "least(" + hi + ", " + Int(N - 1) + ")";
            return "CASE WHEN " + from + " <= " + to + " THEN (1::BIGINT << (" + to + " + 1)) - (1::BIGINT << " + from + ") ELSE 0 END";
        }

        /// <summary>The condition as a BIGINT mask expression; with every event stretch empty when <paramref name="empty"/>.</summary>
        private string Mask(Condition condition, bool empty) => condition switch
        {
            AndCondition a => Fold([.. a.Of.Select(c => Mask(c, empty))], " & ", absorbing: None, neutral: All),
            OrCondition o => Fold([.. o.Of.Select(c => Mask(c, empty))], " | ", absorbing: All, neutral: None),
            NotCondition n => Not(Mask(n.Of, empty)),
            AttributeCondition attribute => "CASE WHEN attrs.a" + Int(AttributeIndex(attribute)) + " THEN " + All + " ELSE 0 END",
            EventCondition e => Event(e, empty),
            SequenceCondition q => Sequence(q, empty),
            _ => Refuse<string>(),
        };

        private string Not(string inner) => inner == None ? All : inner == All ? None : "(~" + inner + " & " + All + ")";

        private static string Fold(IReadOnlyList<string> parts, string glue, string absorbing, string neutral)
        {
            if (parts.Contains(absorbing))
            {
                return absorbing;
            }

            var rest = parts.Where(p => p != neutral).ToList();
            return rest.Count == 0 ? neutral : rest.Count == 1 ? rest[0] : "(" + string.Join(glue, rest) + ")";
        }

        /// <summary>An event condition as stretches, or refused when its events matter by more than whether one happened.</summary>
        private string Event(EventCondition e, bool empty)
        {
            if (e.Window is { From: not null } or { To: not null })
            {
                return Refuse<string>();
            }

            int? window = e.Window?.Last is { } last ? Steps(last.ToTimeSpan()) : null;
            string Some(int from, int? to) => empty || (to is { } end && from >= end) ? None : Stretch(new Stretch(e.Name, from, to));

            if ((e.Count ?? e.DistinctDays) is { } measure)
            {
                var test = CountTest.Of(measure);
                if (AtMostOnce(test) is var (none, some))
                {
                    // Distinct days above 0 is some event, whatever the days' zone: only the 0/1 edge is asked.
                    var present = Some(0, window);
                    return none ? (some ? All : Not(present)) : (some ? present : None);
                }

                return Measured(test, c => AtLeast(e, c, window, empty));
            }

            if (e.First is { } first)
            {
                return first.Op switch
                {
                    "after" => And(Some(0, window), Not(Some(Ago(first.Single), window))),
                    "before" => Some(Ago(first.Single), window),
                    _ => And(Some(Ago(first.Range.To), window), Not(Some(Ago(first.Range.From), window))),
                };
            }

            if (e.Last is { } lastTime)
            {
                int Within(int x) => window is { } w ? Math.Min(x, w) : x;
                return lastTime.Op switch
                {
                    "after" => Some(0, Within(Ago(lastTime.Single))),
                    "before" => And(Some(0, window), Not(Some(0, Within(Ago(lastTime.Single))))),
                    _ => And(Some(0, Within(Ago(lastTime.Range.From))), Not(Some(0, Within(Ago(lastTime.Range.To))))),
                };
            }

            return Some(0, window);
        }

        private string And(string left, string right) => Fold([left, right], " & ", absorbing: None, neutral: All);

        /// <summary>
        /// Whether a count measure holds at 0 and at every count from 1 on; null when it differs between counts of 1 or
        /// more (only the edges of its operator can change it, so those are the counts tried).
        /// </summary>
        private static (bool None, bool Some)? AtMostOnce(CountTest t)
        {
            long[] edges = t.Op == CountOp.Between ? [t.Low - 1, t.Low, t.High, t.High + 1] : [t.Low - 1, t.Low, t.Low + 1];
            var some = t.Holds(1);
            return edges.Where(v => v >= 1).Any(v => t.Holds(v) != some) ? null : (t.Holds(0), some);
        }

        /// <summary>A count test as and/not of "at least c": eq v is at least v and not at least v + 1, and so on.</summary>
        private string Measured(CountTest t, Func<long, string> atLeast)
        {
            if ((t.Op == CountOp.Between ? t.High : t.Low) >= int.MaxValue)
            {
                return Refuse<string>();
            }

            return t.Op switch
            {
                CountOp.Gte => atLeast(t.Low),
                CountOp.Gt => atLeast(t.Low + 1),
                CountOp.Lte => Not(atLeast(t.Low + 1)),
                CountOp.Lt => Not(atLeast(t.Low)),
                CountOp.Eq => And(atLeast(t.Low), Not(atLeast(t.Low + 1))),
                CountOp.Neq => Not(And(atLeast(t.Low), Not(atLeast(t.Low + 1)))),
                CountOp.Between => And(atLeast(t.Low), Not(atLeast(t.High + 1))),
                _ => throw new InvalidOperationException($"A spec's count has no operator {t.Op}."),
            };
        }

        /// <summary>
        /// At least <paramref name="c"/> events (or distinct days) in the event's window: everything for c below 1,
        /// some event for 1; above 1 only a window of whole steps, and distinct days only where a step bucket is a UTC day.
        /// </summary>
        private string AtLeast(EventCondition e, long c, int? window, bool empty)
        {
            if (c <= 0)
            {
                return All;
            }

            if (c > 1 && (window is null || (e.DistinctDays is not null && !UtcDays)))
            {
                return Refuse<string>();
            }

            // Days only above one: at least one distinct day is at least one event, the plain stretch of that name.
            return empty || window == 0 ? None : Stretch(new Stretch(e.Name, 0, window, c, Days: c > 1 && e.DistinctDays is not null));
        }

        /// <summary>Daily points at UTC midnights in UTC: each step bucket is one day of the zone, as distinct days count them.</summary>
        private bool UtcDays => step == TimeSpan.FromDays(1) && zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime
            && points[0].UtcDateTime.TimeOfDay == TimeSpan.Zero;

        /// <summary>How many steps back from the point a first/last time is; only times relative to asOf, in whole steps.</summary>
        private int Ago(TimePoint point) => point is TimePoint.Relative r ? Steps(r.Ago.ToTimeSpan()) : Refuse<int>();

        private int Steps(TimeSpan span)
        {
            if (span < TimeSpan.Zero || span.Ticks % step.Ticks != 0 || span.Ticks / step.Ticks > 10_000)
            {
                return Refuse<int>();
            }

            return (int)(span.Ticks / step.Ticks);
        }

        private string Stretch(Stretch stretch)
        {
            var index = _stretches.IndexOf(stretch);
            if (index < 0)
            {
                index = _stretches.Count;
                _stretches.Add(stretch);
            }

            return "{P" + Int(index) + "}";
        }


        private AttributeColumns Attributes => _attributes ??= new AttributeColumns(db, points, zone, saved, _parameters);

        private int AttributeIndex(AttributeCondition attribute) => Attributes.IndexOf(attribute) ?? Refuse<int>();

        private string Add(string name, object value, DataType type)
        {
            _parameters.Add(new DataParameter(name, value, type));
            return "CAST($" + name + " AS " + type switch { DataType.NVarChar => "VARCHAR", DataType.Int64 => "BIGINT", _ => "TIMESTAMP" } + ")";
        }

        private T Refuse<T>()
        {
            _eligible = false;
            return default!;
        }

        private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
