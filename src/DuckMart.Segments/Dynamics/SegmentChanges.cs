using DuckMart.Data;
using DuckMart.Segments.Spec;
using LinqToDB;
using LinqToDB.Data;

namespace DuckMart.Segments.Dynamics;

/// <summary>Who entered a segment and who left it between two instants, with both sizes (CONTRACT.md section 5).</summary>
public sealed record SegmentChanges(
    DateTime FromUtc, DateTime ToUtc, long CountFrom, long CountTo, long EnteredCount, IReadOnlyList<long> Entered, long LeftCount, IReadOnlyList<long> Left)
{
    /// <summary>Members at both instants: the members at <c>to</c> who did not just enter.</summary>
    public long Stayed => CountTo - EnteredCount;

    /// <summary>
    /// One statement: the membership at each instant is the engine's own ID query, materialised once; the two
    /// differences are <c>EXCEPT</c>s of those; the counts and the first <paramref name="limit"/> IDs of each
    /// difference come back as rows of one result, tagged by kind. <c>EXCEPT</c> and not <c>NOT (predicate)</c>:
    /// the engine's predicate is exact only as written (see docs/engine.md, two-valued logic), a set difference
    /// of its answers is exact whatever it renders.
    /// </summary>
    public static async Task<SegmentChanges> ComputeAsync(
        DuckMartDb db, Condition where, DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, ISavedSegments saved, int limit, CancellationToken cancellationToken)
    {
        var atFrom = MembershipSql.At(SegmentQuery.Create(db, where, new EvaluationTime(from, zone), saved), "from_");
        var atTo = MembershipSql.At(SegmentQuery.Create(db, where, new EvaluationTime(to, zone), saved), "to_");
        var sql = ChangesSql(atFrom.Sql, atTo.Sql);
        var parameters = atFrom.Parameters.Concat(atTo.Parameters).Append(new DataParameter(LimitParameter, (long)limit, DataType.Int64)).ToArray();

        long countFrom = 0, countTo = 0, enteredCount = 0, leftCount = 0;
        var entered = new List<long>();
        var left = new List<long>();
        await using (var result = await new CommandInfo(db, sql, parameters).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            var reader = result.Reader!;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var value = reader.GetInt64(1);
                switch (reader.GetInt32(0))
                {
                    case 0: countFrom = value; break;
                    case 1: countTo = value; break;
                    case 2: enteredCount = value; break;
                    case 3: leftCount = value; break;
                    case 4: entered.Add(value); break;
                    default: left.Add(value); break;
                }
            }
        }

        return new SegmentChanges(from.UtcDateTime, to.UtcDateTime, countFrom, countTo, enteredCount, entered, leftCount, left);
    }

    private const string LimitParameter = "changes_limit";

    private static string ChangesSql(string atFrom, string atTo) =>
        "WITH at_from(user_id) AS MATERIALIZED (\n" + atFrom + "\n),\n"
        + "at_to(user_id) AS MATERIALIZED (\n" + atTo + "\n),\n"
        + "entered(user_id) AS MATERIALIZED (SELECT user_id FROM at_to EXCEPT SELECT user_id FROM at_from),\n"
        + "gone(user_id) AS MATERIALIZED (SELECT user_id FROM at_from EXCEPT SELECT user_id FROM at_to)\n"
        + "SELECT kind, v FROM (\n"
        + "  SELECT 0 AS kind, count(*)::BIGINT AS v FROM at_from\n"
        + "  UNION ALL SELECT 1, count(*)::BIGINT FROM at_to\n"
        + "  UNION ALL SELECT 2, count(*)::BIGINT FROM entered\n"
        + "  UNION ALL SELECT 3, count(*)::BIGINT FROM gone\n"
        + "  UNION ALL (SELECT 4, user_id FROM entered ORDER BY user_id LIMIT $" + LimitParameter + ")\n"
        + "  UNION ALL (SELECT 5, user_id FROM gone ORDER BY user_id LIMIT $" + LimitParameter + ")\n"
        + ") rows\n"
        + "ORDER BY kind, v";
}
