using System.Runtime.CompilerServices;
using System.Text;
using DuckMart.Domain;
using DuckMart.Segments.Planning;
using DuckMart.Segments.Spec;
using LinqToDB;
using LinqToDB.Data;

namespace DuckMart.Segments.Rendering;

/// <summary>
/// A sequence as DuckDB SQL returning the <c>user_id</c>s that complete it (only ever read through <c>IN</c>).
/// <para>
/// The earliest step-1 event is not always the one that completes a chain (a later one may be within the next
/// step's time limit), so the query follows every event: <c>s1</c> is the step-1 events in the window, and
/// <c>s(i)</c> is the step-i events in the window that have a row of <c>s(i-1)</c> strictly earlier and at most
/// <c>within</c> before. That is exact for any number of steps, because only the existence of a predecessor
/// matters. With a <c>within</c> it is a range <c>SEMI JOIN</c> (equality on the user and the time range in the
/// join condition, which DuckDB runs as one range join); without one "some earlier row" is
/// "later than the user's earliest row of s(i-1)", a join on one row per user. An absent last step keeps the
/// chain ends with no event of that name (among all events before asOf) strictly after and at most
/// <c>within</c> after: a range <c>ANTI JOIN</c>.
/// </para>
/// <para>
/// Measured on 1M users / 50M events (docs/engine.md): the range joins beat the ASOF joins used before, which
/// find the latest predecessor (or next event) per row and then test its distance: 06 cart-no-purchase-7d
/// 287-319 ms against 821-1,187 ms, 10 view-cart-purchase funnel 663-677 ms against 860-905 ms on a busy
/// machine (the hand-written best 442-460 and 637-695 ms in the same runs). The limits are compared as
/// <c>epoch_us(b) &lt;= epoch_us(a) + $within</c>, which keeps <c>within</c> a BIGINT parameter and was faster
/// than <c>b &lt;= a + to_microseconds($within)</c> (320-352 ms, 790-845 ms).
/// </para>
/// Every value is an argument of the <see cref="FormattableString"/>, which linq2db sends as a parameter.
/// </summary>
internal static class SequenceSql
{
    /// <summary>
    /// With <paramref name="range"/>, every scan of <c>events</c> reads only the events of the users in it (a keyset
    /// page, <see cref="UserIdRange"/>): exact for those users, since a chain is made of one user's own events.
    /// </summary>
    public static FormattableString For(SequenceCondition sequence, EventSpan span, DateTime asOf, UserIdRange? range = null)
    {
        var args = new List<object?>();
        // Every parameter is CAST: DuckDB infers a parameter's type from where it is used, and a parameter used
        // inside a CTE read twice (s(i-1) by the next step and by its min per user) came out VARCHAR, which made
        // DuckDB.NET send a DateTime as culture-formatted text.
        string Arg(string name, object value, DataType type)
        {
            args.Add(new DataParameter(name, value, type));
            var sqlType = type switch { DataType.DateTime2 => "TIMESTAMP", DataType.Int64 => "BIGINT", _ => "VARCHAR" };
            return "CAST({" + (args.Count - 1) + "} AS " + sqlType + ")";
        }

        var steps = sequence.Steps;
        var absent = steps[^1].Absent ? steps[^1] : null;
        var chain = absent is null ? steps.Count : steps.Count - 1;

        var from = span.From is { } f ? Arg("from", f, DataType.DateTime2) : null;
        var before = Arg("before", span.Before, DataType.DateTime2);
        var users = range is null ? "" : $" AND user_id > {Arg("range_after", range.After, DataType.Int64)} AND user_id <= {Arg("range_through", range.Through, DataType.Int64)}";
        var window = (from is null ? "" : $" AND \"timestamp\" >= {from}") + $" AND \"timestamp\" < {before}" + users;

        // Parenthesised: linq2db only wraps raw SQL that starts with SELECT, and this starts with WITH.
        var sql = new StringBuilder("(WITH ");
        for (var i = 0; i < chain; i++)
        {
            var name = Arg($"step{i + 1}", EventNames.Normalize(steps[i].Name), DataType.VarChar);
            var events = $"SELECT user_id, \"timestamp\" AS t FROM events WHERE event_name = {name}{window}";
            if (i == 0)
            {
                sql.Append($"s1 AS ({events})");
                continue;
            }

            sql.Append(",\n");
            if (steps[i].Within is { } within)
            {
                var limit = Arg($"within{i + 1}", Micros(within), DataType.Int64);
                sql.Append($"s{i + 1} AS (SELECT e.user_id, e.t FROM ({events}) e SEMI JOIN s{i} p");
                sql.Append($" ON e.user_id = p.user_id AND e.t > p.t AND epoch_us(e.t) <= epoch_us(p.t) + {limit})");
            }
            else
            {
                sql.Append($"s{i + 1} AS (SELECT e.user_id, e.t FROM ({events}) e SEMI JOIN (SELECT user_id, min(t) AS t FROM s{i} GROUP BY user_id) p");
                sql.Append(" ON e.user_id = p.user_id AND e.t > p.t)");
            }
        }

        if (absent is null)
        {
            // GROUP BY (not needed by IN) so that DuckDB builds the semi-join's hash table on these IDs rather than on
            // all users: 10 324-331 ms CPU against 381-384 without. Not after the ANTI JOIN (06, half the users): slower there.
            sql.Append($"\nSELECT user_id FROM s{chain} GROUP BY user_id");
        }
        else
        {
            var name = Arg($"step{steps.Count}", EventNames.Normalize(absent.Name), DataType.VarChar);
            var asOfArg = Arg("asOf", asOf, DataType.DateTime2);
            sql.Append($"\nSELECT p.user_id FROM s{chain} p ANTI JOIN (SELECT user_id, \"timestamp\" AS t FROM events WHERE event_name = {name} AND \"timestamp\" < {asOfArg}{users}) n");
            sql.Append(" ON p.user_id = n.user_id AND n.t > p.t");

            // Without within (the validator requires it) "absent" means no such event ever after the chain.
            if (absent.Within is { } w)
            {
                sql.Append($" AND epoch_us(n.t) <= epoch_us(p.t) + {Arg($"within{steps.Count}", Micros(w), DataType.Int64)}");
            }
        }

        sql.Append(')');
        return FormattableStringFactory.Create(sql.ToString(), [.. args]);
    }

    /// <summary>DuckDB timestamps are microseconds; comparing epoch_us differences keeps the limit a BIGINT parameter.</summary>
    private static long Micros(IsoDuration duration) => duration.ToTimeSpan().Ticks / 10;
}
