using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DuckMart.Segments.Planning;

/// <summary>
/// A plan as indented text, one node a line: the form of the plan snapshots kept beside the SQL baselines,
/// so that a change of a planning rule shows as a plan diff next to its SQL diff.
/// </summary>
internal static class PlanText
{
    public static string Print(PlanNode plan)
    {
        var text = new StringBuilder();
        Write(plan, 0, text);
        return text.ToString();
    }

    private static void Write(PlanNode node, int depth, StringBuilder text)
    {
        text.Append(' ', depth * 2);
        switch (node)
        {
            case AllOf all:
                text.Append("all of\n");
                foreach (var part in all.Parts)
                {
                    Write(part, depth + 1, text);
                }

                return;
            case AnyOf any:
                text.Append("any of\n");
                foreach (var part in any.Parts)
                {
                    Write(part, depth + 1, text);
                }

                return;
            case AttributeTest a:
                text.Append(a.Negated ? "not attribute " : "attribute ").Append(a.Condition.Field).Append(' ').Append(a.Condition.Op);
                if (a.Condition.Value is { } value)
                {
                    text.Append(' ').Append(JsonSerializer.Serialize(value));
                }

                text.Append(a.Condition.IgnoreCase ? " ignoreCase\n" : "\n");
                return;
            case ConjunctionSet set:
                text.Append("users in the set of\n");
                Write(set.Of, depth + 1, text);
                return;
            case FromEvents root:
                text.Append("users from ").Append(Describe(root.Anchor)).Append(root.Filters.Count == 0 ? "\n" : " where\n");
                foreach (var filter in root.Filters)
                {
                    Write(filter, depth + 1, text);
                }

                return;
            case EventUsers users:
                text.Append(users.Excluded ? "users not in " : "users in ").Append(Describe(users.Users)).Append('\n');
                return;
            default:
                throw new NotSupportedException(node.GetType().Name);
        }
    }

    private static string Describe(EventUserSet set) => set switch
    {
        DidInSpan d => $"events {Name(d.Name)} {Span(d.Span)}" + (d.OnePerUser ? " one per user" : string.Empty),
        Difference d => $"({Describe(d.Of)}) except " + string.Join(" except ", d.Minus.Select(m => $"({Describe(m)})")),
        CountPasses c => $"events {Name(c.Name)} {Span(c.Span)} group by user having count {c.Test}",
        DistinctDaysPass d => $"events {Name(d.Name)} {Span(d.Span)} group by user having distinct days {d.Test}",
        FirstOrLastPasses f => $"events {Name(f.Name)} {Span(f.Span)} group by user having {(f.Last ? "max" : "min")}(timestamp) {Time(f.Test)}",
        FirstInRecent f => $"events {Name(f.Name)} {Span(f.Recent)}" + (f.Earlier is { } e ? $" without any in {Span(e)}" : string.Empty),
        SequenceCompleted s => $"sequence {string.Join(" -> ", s.Sequence.Steps.Select(Step))} {Span(s.Span)}",
        _ => throw new NotSupportedException(set.GetType().Name),
    };

    private static string Step(Spec.SequenceStep step) =>
        (step.Absent ? "absent " : string.Empty) + step.Name + (step.Within is { } within ? $" within {within}" : string.Empty);

    private static string Name(string? name) => name ?? "(any name)";

    private static string Span(EventSpan span) => $"[{(span.From is { } from ? Stamp(from) : "-inf")}, {Stamp(span.Before)})";

    private static string Time(TimeTest test) => test.Op switch
    {
        TimeOp.Before => $"< {Stamp(test.From)}",
        TimeOp.After => $">= {Stamp(test.From)}",
        _ => $"in [{Stamp(test.From)}, {Stamp(test.To)})",
    };

    private static string Stamp(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
