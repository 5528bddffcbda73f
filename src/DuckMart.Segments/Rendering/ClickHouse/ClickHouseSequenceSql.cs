using DuckMart.Data.ClickHouse;
using DuckMart.Domain;
using DuckMart.Segments.Planning;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Rendering.ClickHouse;

/// <summary>
/// A sequence as ClickHouse SQL returning the <c>user_id</c>s that complete it, with arrays: one pass over the
/// user's events of the step names groups each step's event times (microseconds) into an array, and the chain is
/// followed as in <see cref="SequenceSql"/>: <c>s1</c> is the step-1 times, <c>s(i)</c> the step-i times that have
/// a time of <c>s(i-1)</c> strictly earlier and at most <c>within</c> before (any earlier one without a limit).
/// An absent last step keeps the users with a chain end after which no event of that name (among all events
/// before asOf) follows strictly later and at most <c>within</c> later.
/// <para>
/// Each step is one level: <c>ARRAY JOIN</c> the step's times, keep those with a predecessor in the level below
/// (<c>arrayExists</c>), group them back per user. Not one nested lambda per step: 18.16 refuses a lambda inside a
/// lambda that reads a column ("Unknown identifier", tried here). Not <c>sequenceMatch</c>: its <c>(?t&lt;=N)</c>
/// counts whole seconds and lets two events of one second follow each other, while a sequence needs strictly
/// increasing times to the microsecond (CONTRACT.md section 3). 18.16 has no <c>JOIN … ON</c> for DuckDB's range joins.
/// </para>
/// </summary>
internal static class ClickHouseSequenceSql
{
    public static string For(SequenceCondition sequence, EventSpan span, DateTime asOf, string eventsTable)
    {
        var steps = sequence.Steps;
        var absent = steps[^1].Absent ? steps[^1] : null;
        var chain = absent is null ? steps.Count : steps.Count - 1;
        var names = steps.Take(chain).Select(s => ClickHouseLiteral.String(EventNames.Normalize(s.Name))).ToList();
        var window = ClickHousePlanRenderer.Filter(null, span);

        // Level 1: per user, a1 … ak (each step's times in the window) and n (the absent step's times before asOf).
        var columns = new List<string>();
        for (var i = 0; i < chain; i++)
        {
            // With an absent step the rows include that name's events outside the window: each step keeps its own.
            var keep = absent is null ? $"event_name = {names[i]}" : $"event_name = {names[i]} AND {window}";
            columns.Add($"groupArrayIf({ClickHouseTime.EventMicros}, {keep}) AS a{i + 1}_1");
        }

        var rows = $"event_name IN ({string.Join(", ", names.Distinct(StringComparer.Ordinal))}) AND {window}";
        if (absent is not null)
        {
            var absentName = ClickHouseLiteral.String(EventNames.Normalize(absent.Name));
            columns.Add($"groupArrayIf({ClickHouseTime.EventMicros}, event_name = {absentName}) AS n_1");
            rows = $"({rows}) OR (event_name = {absentName} AND {ClickHouseTime.Before(asOf)})";
        }

        var level = $"SELECT user_id, {string.Join(", ", columns)} FROM {eventsTable} WHERE {rows} GROUP BY user_id";

        // Level i: the step-i times with a predecessor in level i-1's reached times (a1_1 at level 1). Columns carry
        // their level in the name: an alias equal to the column it aggregates would refer to itself.
        var reached = "a1_1";
        for (var i = 2; i <= chain; i++)
        {
            var follows = steps[i - 1].Within is { } within
                ? $"p < t AND t <= p + {ClickHouseLiteral.Int(Micros(within))}"
                : "p < t";
            var carried = Enumerable.Range(i + 1, chain - i).Select(j => $"any(a{j}_{i - 1}) AS a{j}_{i}").ToList();
            if (absent is not null)
            {
                carried.Add($"any(n_{i - 1}) AS n_{i}");
            }

            level = $"SELECT user_id, groupArrayIf(t, arrayExists(p -> {follows}, {reached})) AS s{i}"
                + string.Concat(carried.Select(c => ", " + c))
                + $" FROM ({level}) ARRAY JOIN a{i}_{i - 1} AS t GROUP BY user_id";
            reached = $"s{i}";
        }

        if (absent is null)
        {
            return $"SELECT user_id FROM ({level}) WHERE notEmpty({reached})";
        }

        // The validator requires within on an absent step; without one "absent" would mean never after.
        var limit = absent.Within is { } w ? $" AND q <= e + {ClickHouseLiteral.Int(Micros(w))}" : "";
        return $"SELECT user_id FROM ({level}) ARRAY JOIN {reached} AS e WHERE NOT arrayExists(q -> q > e{limit}, n_{chain})";
    }

    private static long Micros(IsoDuration duration) => duration.ToTimeSpan().Ticks / 10;
}
