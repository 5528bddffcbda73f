using System.Globalization;
using System.Text.Json;
using DuckMart.Domain;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Tests.Differential;

/// <summary>
/// CONTRACT.md section 3 read literally, in plain C# over lists: the oracle the SQL translation is checked
/// against. Written from the contract, not from the translator: it shares only the spec model with it, resolves
/// times its own way (it does not call <see cref="TimePoint.Resolve"/> or <see cref="EvaluationTime.StartOfDayUtc"/>),
/// and finds sequences by trying every chain.
/// </summary>
public sealed class ReferenceEvaluator
{
    private readonly IReadOnlyList<User> _users;
    private readonly ILookup<long, Event> _eventsByUser;
    private readonly IReadOnlyDictionary<string, Condition> _saved;

    public ReferenceEvaluator(IReadOnlyList<User> users, IReadOnlyList<Event> events, IReadOnlyDictionary<string, Condition>? saved = null)
    {
        _users = users;
        _eventsByUser = events.ToLookup(e => e.UserId);
        _saved = saved ?? new Dictionary<string, Condition>();
    }

    /// <summary>The ids of the users for whom <paramref name="condition"/> holds, ascending.</summary>
    public IReadOnlyList<long> Evaluate(Condition condition, DateTime asOfUtc, TimeZoneInfo zone)
    {
        var now = new Now(asOfUtc, zone);
        return _users.Where(u => Holds(condition, u, now)).Select(u => u.UserId).Order().ToList();
    }

    private sealed record Now(DateTime AsOf, TimeZoneInfo Zone)
    {
        public DateOnly Today => LocalDate(AsOf);

        public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, Zone));
    }

    private bool Holds(Condition condition, User user, Now now) => condition switch
    {
        AndCondition a => a.Of.All(c => Holds(c, user, now)),
        OrCondition o => o.Of.Any(c => Holds(c, user, now)),
        NotCondition n => !Holds(n.Of, user, now),
        AttributeCondition a => Attribute(a, user, now),
        EventCondition e => Event(e, user, now),
        SequenceCondition s => Sequence(s, user, now),
        SegmentCondition s => Holds(_saved[s.Id], user, now),
        _ => throw new NotSupportedException(condition.GetType().Name),
    };

    // ---- attributes ----

    private static bool Attribute(AttributeCondition c, User user, Now now)
    {
        object? x = c.Field switch
        {
            "userId" => user.UserId,
            "name" => user.Name,
            "age" => user.Age is int a ? (long)a : null,
            "gender" => user.Gender,
            "location" => user.Location,
            "signupDate" => user.SignupDate,
            "subscriptionPlan" => user.SubscriptionPlan,
            "deviceType" => user.DeviceType,
            _ => throw new NotSupportedException(c.Field),
        };

        switch (c.Op)
        {
            case "isNull":
                return x is null;
            case "isNotNull":
                return x is not null;
        }

        if (x is null)
        {
            // "a NULL attribute simply fails every comparison except isNull"; neq and notIn are true for NULL.
            return c.Op is "neq" or "notIn";
        }

        var v = c.Value!.Value;
        return x switch
        {
            string s => Text(c.Op, c.IgnoreCase ? s.ToLowerInvariant() : s, v, c.IgnoreCase),
            long n => Ordered(c.Op, n, v, e => e.GetInt64()),
            DateOnly d when c.Op == "inLast" => InLast(d, v, now),
            DateOnly d => Ordered(c.Op, d, v, e => DateValue(e, now)),
            _ => throw new NotSupportedException(),
        };
    }

    private static bool Text(string op, string x, JsonElement v, bool ignoreCase)
    {
        string S(JsonElement e) => ignoreCase ? e.GetString()!.ToLowerInvariant() : e.GetString()!;
        return op switch
        {
            "eq" => string.Equals(x, S(v), StringComparison.Ordinal),
            "neq" => !string.Equals(x, S(v), StringComparison.Ordinal),
            "in" => v.EnumerateArray().Any(e => string.Equals(x, S(e), StringComparison.Ordinal)),
            "notIn" => !v.EnumerateArray().Any(e => string.Equals(x, S(e), StringComparison.Ordinal)),
            "contains" => x.Contains(S(v), StringComparison.Ordinal),
            "startsWith" => x.StartsWith(S(v), StringComparison.Ordinal),
            "endsWith" => x.EndsWith(S(v), StringComparison.Ordinal),
            _ => throw new NotSupportedException(op),
        };
    }

    private static bool Ordered<T>(string op, T x, JsonElement v, Func<JsonElement, T> read)
        where T : IComparable<T> => op switch
        {
            "eq" => x.CompareTo(read(v)) == 0,
            "neq" => x.CompareTo(read(v)) != 0,
            "in" => v.EnumerateArray().Any(e => x.CompareTo(read(e)) == 0),
            "notIn" => !v.EnumerateArray().Any(e => x.CompareTo(read(e)) == 0),
            "gt" => x.CompareTo(read(v)) > 0,
            "gte" => x.CompareTo(read(v)) >= 0,
            "lt" => x.CompareTo(read(v)) < 0,
            "lte" => x.CompareTo(read(v)) <= 0,
            "between" => x.CompareTo(read(v[0])) >= 0 && x.CompareTo(read(v[1])) <= 0,
            _ => throw new NotSupportedException(op),
        };

    /// <summary>"yyyy-MM-dd", or "-P30D": the date 30 days before the date of asOf.</summary>
    private static DateOnly DateValue(JsonElement e, Now now)
    {
        var s = e.GetString()!;
        return s.StartsWith('-') ? now.Today.AddDays(-Days(s[1..])) : DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>date(asOf) - n &lt; x &lt;= date(asOf).</summary>
    private static bool InLast(DateOnly x, JsonElement v, Now now)
    {
        var n = Days(v.GetString()!);
        return now.Today.AddDays(-n) < x && x <= now.Today;
    }

    private static int Days(string duration)
    {
        var d = IsoDuration.Parse(duration);
        return (d.Weeks * 7) + d.Days;
    }

    // ---- events ----

    private bool Event(EventCondition c, User user, Now now)
    {
        var seen = InWindow(c.Name, c.Window, user, now).ToList();
        if (c.First is { } first)
        {
            return seen.Count > 0 && TimeHolds(first, seen.Min(e => e.Timestamp), now);
        }

        if (c.Last is { } last)
        {
            return seen.Count > 0 && TimeHolds(last, seen.Max(e => e.Timestamp), now);
        }

        if (c.DistinctDays is { } days)
        {
            return CountHolds(days, seen.Select(e => now.LocalDate(e.Timestamp)).Distinct().Count());
        }

        return c.Count is { } count ? CountHolds(count, seen.Count) : seen.Count >= 1;
    }

    private IEnumerable<Event> InWindow(string? name, EventWindow? window, User user, Now now)
    {
        var from = DateTime.MinValue;
        var before = now.AsOf;
        if (window?.Last is { } last)
        {
            from = Max(from, now.AsOf - Span(last));
        }

        if (window?.From is { } f)
        {
            from = Max(from, Instant(f, now));
        }

        if (window?.To is { } t)
        {
            before = Min(before, Instant(t, now));
        }

        var wanted = name is null ? null : EventNames.Normalize(name);
        return _eventsByUser[user.UserId].Where(e => (wanted is null || e.EventName == wanted) && e.Timestamp >= from && e.Timestamp < before);
    }

    private static bool CountHolds(CountMeasure m, long n) => m.Op switch
    {
        "eq" => n == m.Value.GetInt64(),
        "neq" => n != m.Value.GetInt64(),
        "gt" => n > m.Value.GetInt64(),
        "gte" => n >= m.Value.GetInt64(),
        "lt" => n < m.Value.GetInt64(),
        "lte" => n <= m.Value.GetInt64(),
        "between" => n >= m.Value[0].GetInt64() && n <= m.Value[1].GetInt64(),
        _ => throw new NotSupportedException(m.Op),
    };

    /// <summary>before (t &lt; v), after (t &gt;= v), between (v0 &lt;= t &lt; v1).</summary>
    private static bool TimeHolds(TimeMeasure m, DateTime t, Now now) => m.Op switch
    {
        "before" => t < Instant(TimePoint.Parse(m.Value.GetString()!), now),
        "after" => t >= Instant(TimePoint.Parse(m.Value.GetString()!), now),
        "between" => t >= Instant(TimePoint.Parse(m.Value[0].GetString()!), now) && t < Instant(TimePoint.Parse(m.Value[1].GetString()!), now),
        _ => throw new NotSupportedException(m.Op),
    };

    // ---- sequences ----

    private bool Sequence(SequenceCondition c, User user, Now now)
    {
        var steps = c.Steps;
        var absent = steps[^1].Absent ? steps[^1] : null;
        var chain = absent is null ? steps : steps.Take(steps.Count - 1).ToList();
        var candidates = chain.Select(s => InWindow(s.Name, c.Window, user, now).Select(e => e.Timestamp).OrderBy(t => t).ToList()).ToList();

        if (chain.Count == 0)
        {
            // A lone absent step: no chain before it, so it means no such event in the window (docs/engine.md).
            return !InWindow(absent!.Name, c.Window, user, now).Any();
        }

        var absentTimes = absent is null
            ? []
            : _eventsByUser[user.UserId].Where(e => e.EventName == EventNames.Normalize(absent.Name) && e.Timestamp < now.AsOf).Select(e => e.Timestamp).ToList();

        // Every chain, by brute force: step i may use any of its events later than step i-1's, within its limit.
        // Memoised on (step, previous time) only to keep the search polynomial; it still tries every chain.
        var memo = new Dictionary<(int, DateTime), bool>();
        bool Extend(int i, DateTime previous)
        {
            if (memo.TryGetValue((i, previous), out var known))
            {
                return known;
            }

            return memo[(i, previous)] = Search(i, previous);
        }

        bool Search(int i, DateTime previous)
        {
            if (i == chain.Count)
            {
                return absent is null || !absentTimes.Any(t => t > previous && t - previous <= Span(absent.Within!.Value));
            }

            foreach (var t in candidates[i])
            {
                if (i > 0 && (t <= previous || (chain[i].Within is { } within && t - previous > Span(within))))
                {
                    continue;
                }

                if (Extend(i + 1, t))
                {
                    return true;
                }
            }

            return false;
        }

        return Extend(0, DateTime.MinValue);
    }

    // ---- time ----

    private static TimeSpan Span(IsoDuration d) =>
        TimeSpan.FromDays((d.Weeks * 7) + d.Days) + TimeSpan.FromHours(d.Hours) + TimeSpan.FromMinutes(d.Minutes) + TimeSpan.FromSeconds((double)d.Seconds);

    /// <summary>An instant as is; a date is midnight in the zone (the first instant of that local day); relative is back from asOf.</summary>
    private static DateTime Instant(TimePoint p, Now now) => p switch
    {
        TimePoint.Instant i => i.Value.UtcDateTime,
        TimePoint.Relative r => now.AsOf - Span(r.Ago),
        TimePoint.Date d => FirstInstantOf(d.Value, now),
        _ => throw new NotSupportedException(),
    };

    /// <summary>
    /// The first UTC instant whose local date is <paramref name="day"/>, found by walking in 15-minute steps
    /// (every zone offset and DST change falls on a quarter hour) from well before it.
    /// </summary>
    private static DateTime FirstInstantOf(DateOnly day, Now now)
    {
        var t = DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc).AddHours(-15);
        while (now.LocalDate(t) < day)
        {
            t = t.AddMinutes(15);
        }

        return t;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
