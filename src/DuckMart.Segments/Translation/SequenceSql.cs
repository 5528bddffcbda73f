using System.Runtime.CompilerServices;
using System.Text;
using DuckMart.Domain;
using DuckMart.Segments.Spec;
using LinqToDB;
using LinqToDB.Data;

namespace DuckMart.Segments.Translation;

/// <summary>
/// A sequence as DuckDB SQL returning the <c>user_id</c>s that complete it. LINQ cannot say "the latest earlier
/// row" well, and DuckDB's ASOF join says exactly that (https://duckdb.org/docs/stable/guides/sql_features/asof_join).
/// <para>
/// The earliest step-1 event is not always the one that completes a chain (a later one may be within the next
/// step's time limit), so the query follows every event: <c>s1</c> is the step-1 events in the window, and
/// <c>s(i)</c> is the step-i events in the window that have a row of <c>s(i-1)</c> strictly earlier and at most
/// <c>within</c> before. Only the latest such predecessor matters (it is the closest), which is what
/// <c>ASOF JOIN … ON e.t &gt; p.t</c> finds. An absent last step keeps the chain ends whose next event of that name
/// (among all events before asOf, <c>ASOF LEFT JOIN</c> on <c>p.t &lt; n.t</c>) is missing or later than <c>within</c>.
/// </para>
/// Every value is an argument of the <see cref="FormattableString"/>, which linq2db sends as a parameter.
/// </summary>
internal static class SequenceSql
{
    public static FormattableString For(SequenceCondition sequence, EventSpan span, DateTime asOf)
    {
        var args = new List<object?>();
        string Arg(string name, object value, DataType type)
        {
            args.Add(new DataParameter(name, value, type));
            return "{" + (args.Count - 1) + "}";
        }

        var steps = sequence.Steps;
        var absent = steps[^1].Absent ? steps[^1] : null;
        var chain = absent is null ? steps.Count : steps.Count - 1;

        var from = span.From is { } f ? Arg("from", f, DataType.DateTime2) : null;
        var before = Arg("before", span.Before, DataType.DateTime2);
        var window = (from is null ? "" : $" AND \"timestamp\" >= {from}") + $" AND \"timestamp\" < {before}";

        // Parenthesised: linq2db only wraps raw SQL that starts with SELECT, and this starts with WITH.
        var sql = new StringBuilder("(WITH ");
        for (var i = 0; i < chain; i++)
        {
            var name = Arg($"step{i + 1}", EventNames.Normalize(steps[i].Name), DataType.VarChar);
            var events = $"SELECT user_id, \"timestamp\" AS t FROM events WHERE event_name = {name}{window}";
            if (i > 0)
            {
                sql.Append(",\n");
            }

            if (i == 0)
            {
                sql.Append($"s1 AS ({events})");
                continue;
            }

            sql.Append($"s{i + 1} AS (SELECT e.user_id, e.t FROM ({events}) e ASOF JOIN s{i} p ON e.user_id = p.user_id AND e.t > p.t");
            if (steps[i].Within is { } within)
            {
                sql.Append($" WHERE epoch_us(e.t) - epoch_us(p.t) <= {Arg($"within{i + 1}", Micros(within), DataType.Int64)}");
            }

            sql.Append(')');
        }

        if (absent is null)
        {
            sql.Append($"\nSELECT DISTINCT user_id FROM s{chain}");
        }
        else
        {
            var name = Arg($"step{steps.Count}", EventNames.Normalize(absent.Name), DataType.VarChar);
            var asOfArg = Arg("asOf", asOf, DataType.DateTime2);
            var limit = absent.Within is { } w ? Arg($"within{steps.Count}", Micros(w), DataType.Int64) : null;
            sql.Append($"\nSELECT DISTINCT p.user_id FROM s{chain} p ASOF LEFT JOIN (SELECT user_id, \"timestamp\" AS t FROM events WHERE event_name = {name} AND \"timestamp\" < {asOfArg}) n");
            sql.Append(" ON p.user_id = n.user_id AND p.t < n.t");

            // Without within (the validator requires it) "absent" means no such event ever after the chain.
            sql.Append(limit is null ? " WHERE n.t IS NULL" : $" WHERE n.t IS NULL OR epoch_us(n.t) - epoch_us(p.t) > {limit}");
        }

        sql.Append(')');
        return FormattableStringFactory.Create(sql.ToString(), [.. args]);
    }

    /// <summary>DuckDB timestamps are microseconds; comparing epoch_us differences keeps the limit a BIGINT parameter.</summary>
    private static long Micros(IsoDuration duration) => duration.ToTimeSpan().Ticks / 10;
}
