using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckMart.Domain;
using DuckMart.Segments.Planning;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Rendering.Cache;

/// <summary>
/// Takes the values out of a plan, in one fixed order, and puts other values in: the same walk gives the
/// translation cache its key (values replaced by placeholders), the values a cached SQL text is bound to,
/// and the sentinel plan that proves which parameter carries which value (<see cref="TranslationCache"/>).
/// <para>
/// Each value is taken in the form the renderer sends it as a parameter (an event name normalised, an
/// ignoreCase string lowered, a date as <see cref="DateOnly"/>, a <c>within</c> as microseconds), so a
/// parameter can be matched to its value by equality. Value 0 is always asOf, which the sequence SQL binds.
/// </para>
/// <para>
/// A plan whose SQL text depends on its values beyond what the key shows is marked not cacheable: a date
/// relative to asOf and <c>inLast</c> (the parameter is computed from asOf), an <c>in</c> list long enough to
/// travel as one JSON parameter, and distinct days counted in a zone other than UTC (the number of offset
/// changes in the window shapes the SQL).
/// </para>
/// </summary>
internal sealed class PlanValues
{
    private readonly Func<object, object> replace;

    /// <summary>The shape as walked (see <see cref="Shape"/>).</summary>
    private readonly StringBuilder shape = new();

    private PlanValues(Func<object, object> replace)
    {
        this.replace = replace;
    }

    /// <summary>The values taken, in walk order (index 0: asOf).</summary>
    public List<object> Values { get; } = [];

    /// <summary>False when the plan's SQL text depends on its values beyond the key (see the class remarks).</summary>
    public bool Cacheable { get; private set; } = true;

    /// <summary>
    /// Every structural choice the renderer reads (node kinds, flags, operators, which optional values are present),
    /// with list equality patterns: the plan's shape, the cache key's main part. Written here, not taken from
    /// <see cref="PlanText"/>, whose text is for people and prints two kinds of set alike.
    /// </summary>
    public string Shape => shape.ToString();

    /// <summary>Walks <paramref name="plan"/>, handing each value to <paramref name="replace"/> (which must keep its type).</summary>
    public static (PlanNode Plan, DateTime AsOf, PlanValues Walk) Rewrite(PlanNode plan, EvaluationTime time, Func<object, object> replace)
    {
        var walk = new PlanValues(replace);
        var asOf = walk.Take(time.AsOfUtc);
        var rewritten = walk.Node(plan, time.IsUtc);
        return (rewritten, asOf, walk);
    }

    private T Take<T>(T value)
        where T : notnull
    {
        Values.Add(value);
        return (T)replace(value);
    }

    private PlanNode Node(PlanNode node, bool utc)
    {
        switch (node)
        {
            case AllOf all:
                return new AllOf(Parts("all(", all.Parts, utc));
            case AnyOf any:
                return new AnyOf(Parts("any(", any.Parts, utc));
            case AttributeTest test:
                shape.Append("attr ").Append(test.Condition.Field).Append(' ').Append(test.Condition.Op)
                    .Append(test.Condition.IgnoreCase ? " ic" : string.Empty).Append(test.Negated ? " not" : string.Empty);
                return test with { Condition = Attribute(test.Condition) };
            case EventUsers users:
                shape.Append(users.Excluded ? "notin(" : "in(");
                var set = Set(users.Users, utc);
                shape.Append(')');
                return users with { Users = set };
            case ConjunctionSet conjunction:
                shape.Append("conj(");
                var of = (AllOf)Node(conjunction.Of, utc);
                shape.Append(')');
                return new ConjunctionSet(of);
            case FromEvents root:
                shape.Append("from(");
                var anchor = Set(root.Anchor, utc);
                shape.Append(';');
                return new FromEvents(anchor, Parts("where(", root.Filters, utc));
            default:
                throw new NotSupportedException(node.GetType().Name);
        }
    }

    private List<PlanNode> Parts(string open, IReadOnlyList<PlanNode> parts, bool utc)
    {
        shape.Append(open);
        var rewritten = new List<PlanNode>(parts.Count);
        foreach (var part in parts)
        {
            rewritten.Add(Node(part, utc));
            shape.Append(';');
        }

        shape.Append(')');
        return rewritten;
    }

    private EventUserSet Set(EventUserSet set, bool utc)
    {
        shape.Append(set.GetType().Name).Append(' ');
        switch (set)
        {
            case DidInSpan did:
                shape.Append(did.OnePerUser ? "one " : string.Empty);
                return did with { Name = Name(did.Name), Span = Span(did.Span) };
            case Difference difference:
                var of = Set(difference.Of, utc);
                var minus = difference.Minus.Select(m =>
                {
                    shape.Append(" minus ");
                    return Set(m, utc);
                }).ToList();
                return new Difference(of, minus);
            case CountPasses count:
                return count with { Name = Name(count.Name), Span = Span(count.Span), Test = Count(count.Test) };
            case DistinctDaysPass days:
                Cacheable &= utc;
                return days with { Name = Name(days.Name), Span = Span(days.Span), Test = Count(days.Test) };
            case FirstOrLastPasses firstOrLast:
                shape.Append(firstOrLast.Last ? "last " : "first ");
                return firstOrLast with { Name = Name(firstOrLast.Name), Span = Span(firstOrLast.Span), Test = Time(firstOrLast.Test) };
            case FirstInRecent first:
                return first with { Name = Name(first.Name), Recent = Span(first.Recent), Earlier = first.Earlier is { } e ? Span(e) : null };
            case SequenceCompleted sequence:
                foreach (var step in sequence.Sequence.Steps)
                {
                    shape.Append(step.Absent ? "absent" : "step").Append(step.Within is null ? " " : "+within ");
                }

                var steps = sequence.Sequence.Steps.Select(s => s with
                {
                    Name = Take(EventNames.Normalize(s.Name)),
                    Within = s.Within is { } w ? Seconds(Take(w.ToTimeSpan().Ticks / 10)) : null,
                }).ToList();
                return new SequenceCompleted(sequence.Sequence with { Steps = steps }, Span(sequence.Span));
            default:
                throw new NotSupportedException(set.GetType().Name);
        }
    }

    /// <summary>A duration of whole seconds back from microseconds (sentinels are whole seconds, placeholders 0).</summary>
    private static IsoDuration Seconds(long micros) => new(0, 0, 0, 0, micros / 1_000_000m);

    private string? Name(string? name)
    {
        shape.Append(name is null ? "anyname " : "name ");
        return name is null ? null : Take(name);
    }

    private EventSpan Span(EventSpan span)
    {
        shape.Append(span.From is null ? "[-inf,t) " : "[t,t) ");
        return new(span.From is { } from ? Take(from) : null, Take(span.Before));
    }

    private CountTest Count(CountTest test)
    {
        shape.Append(test.Op).Append(' ');
        return test.Op is CountOp.Between or CountOp.NotBetween
        ? test with { Low = Take(test.Low), High = Take(test.High) }
        : test with { Low = Take(test.Low) };
    }

    private TimeTest Time(TimeTest test)
    {
        shape.Append(test.Op).Append(' ');
        return test.Op is TimeOp.Between
            ? test with { From = Take(test.From), To = Take(test.To) }
            : test with { From = Take(test.From) };
    }

    private AttributeCondition Attribute(AttributeCondition condition)
    {
        if (condition.Value is not { } value || !FieldCatalog.TryGetKind(condition.Field, out var kind))
        {
            shape.Append(" novalue");
            return condition;
        }

        if (kind == FieldKind.Date && condition.Op == "inLast")
        {
            Cacheable = false;
            return condition;
        }

        var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        var typed = items.Select(item => Typed(item, kind, condition.IgnoreCase)).ToList();
        if (typed.Any(t => t is Uncacheable))
        {
            Cacheable = false;
            return condition;
        }

        if (typed.Where(t => t is not null).Distinct().Count() > ValueList.MaxInline)
        {
            Cacheable = false;
        }

        // A repeat of an earlier value in the same list gets that value's replacement (not a slot of its own) and
        // its position in the key, so "in [a, a]" (one OR) and "in [a, b]" (two) never share a cached text.
        var replaced = new List<object?>(typed.Count);
        shape.Append('[');
        for (var i = 0; i < typed.Count; i++)
        {
            var first = typed[i] is null ? -1 : typed.FindIndex(t => Equals(t, typed[i]));
            shape.Append(typed[i] is null ? "n" : first.ToString(CultureInfo.InvariantCulture)).Append(',');
            replaced.Add(typed[i] is null ? null : first < i ? replaced[first] : Take(typed[i]!));
        }

        shape.Append(']');
        var raw = replaced.Select(Raw).ToList();
        var element = value.ValueKind == JsonValueKind.Array ? JsonSerializer.SerializeToElement(raw) : JsonSerializer.SerializeToElement(raw[0]);
        return condition with { Value = element };
    }

    /// <summary>A JSON value as the renderer binds it, or <see cref="Uncacheable"/> when it is computed from asOf.</summary>
    private static object? Typed(JsonElement item, FieldKind kind, bool ignoreCase) => item.ValueKind switch
    {
        JsonValueKind.Null => null,
        _ => kind switch
        {
            FieldKind.String => ignoreCase ? item.GetString()!.ToLowerInvariant() : item.GetString()!,
            FieldKind.Integer => item.GetInt64(),
            FieldKind.Date => TimePoint.Parse(item.GetString()!) is TimePoint.Date d ? d.Value : Uncacheable.Instance,
            _ => Uncacheable.Instance,
        },
    };

    private static object? Raw(object? typed) => typed switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => typed,
    };

    private sealed class Uncacheable
    {
        public static readonly Uncacheable Instance = new();
    }
}
