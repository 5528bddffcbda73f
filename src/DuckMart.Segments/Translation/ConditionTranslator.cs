using System.Linq.Expressions;
using DuckMart.Domain;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;

namespace DuckMart.Segments.Translation;

/// <summary>
/// One Translate method per condition type (the shape of OData's QueryBinder). Each returns a boolean
/// expression over <see cref="TranslationContext.User"/>, or its exact complement when <c>negated</c>.
/// <para>
/// Why negation is pushed down to the leaves (De Morgan) instead of emitting <c>NOT (…)</c>: logic is two-valued
/// (CONTRACT.md section 3) but SQL's is three-valued, and linq2db's optimiser simplifies
/// <c>x IS NOT NULL AND x = $v</c> to <c>x = $v</c> (harmless in a WHERE) before wrapping it in NOT, which turns
/// <c>not eq</c> into NULL, not TRUE, for a NULL attribute. With negations only at the leaves, every leaf writes
/// its own complement (<c>x IS NULL OR x &lt;&gt; $v</c>, <c>NOT IN</c>) and above the leaves there are only AND and
/// OR, for which "NULL counts as false" gives the same answer as two-valued logic.
/// </para>
/// </summary>
internal static class ConditionTranslator
{
    public static Expression<Func<User, bool>> Translate(Condition where, TranslationContext context) =>
        Expression.Lambda<Func<User, bool>>(TranslateCondition(where, context, negated: false), context.User);

    public static Expression TranslateCondition(Condition condition, TranslationContext context, bool negated) => condition switch
    {
        AndCondition and => TranslateAnd(and, context, negated),
        OrCondition or => TranslateOr(or, context, negated),
        NotCondition not => TranslateNot(not, context, negated),
        AttributeCondition attribute => TranslateAttribute(attribute, context, negated),
        EventCondition @event => TranslateEvent(@event, context, negated),
        SequenceCondition sequence => TranslateSequence(sequence, context, negated),
        SegmentCondition segment => TranslateSegment(segment, context, negated),
        _ => throw new NotSupportedException($"No translation for {condition.GetType().Name}."),
    };

    /// <summary>
    /// x AND x is x, and x OR x is x: repeated children are dropped before they become repeated subqueries,
    /// which DuckDB plans slowly (hundreds of copies of one event test kept it busy for minutes, beyond the
    /// reach of the query time limit). Compared by their JSON, since the records hold lists.
    /// <para>
    /// Serialising every child at every level was about a sixth of our own share of translating a deep spec, and
    /// children rarely repeat: equal JSON implies an equal <see cref="Outline"/>, so only children whose outlines collide
    /// are serialised and compared (the first of equal ones kept, in order, as before).
    /// </para>
    /// </summary>
    private static IEnumerable<Condition> Distinct(IReadOnlyList<Condition> conditions)
    {
        if (conditions.Count < 2)
        {
            return conditions;
        }

        var outlines = new string[conditions.Count];
        var seen = new Dictionary<string, int>(conditions.Count, StringComparer.Ordinal);
        for (var i = 0; i < conditions.Count; i++)
        {
            outlines[i] = Outline(conditions[i]);
            seen[outlines[i]] = seen.GetValueOrDefault(outlines[i]) + 1;
        }

        if (seen.Count == conditions.Count)
        {
            return conditions;
        }

        var kept = new List<Condition>(conditions.Count);
        var json = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < conditions.Count; i++)
        {
            if (seen[outlines[i]] == 1 || json.Add(System.Text.Json.JsonSerializer.Serialize(conditions[i], SegmentJson.Options)))
            {
                kept.Add(conditions[i]);
            }
        }

        return kept;
    }

    /// <summary>What any two conditions with the same JSON share: their type and a few identifying scalars.</summary>
    private static string Outline(Condition condition) => condition switch
    {
        AttributeCondition a => $"attribute\u001f{a.Field}\u001f{a.Op}",
        EventCondition e => $"event\u001f{e.Name}\u001f{e.Count is null}{e.DistinctDays is null}{e.First is null}{e.Last is null}",
        SegmentCondition s => $"segment\u001f{s.Id}",
        SequenceCondition q => $"sequence\u001f{q.Steps.Count}",
        AndCondition a => $"and\u001f{a.Of.Count}",
        OrCondition o => $"or\u001f{o.Of.Count}",
        NotCondition n => "not\u001f" + Outline(n.Of),
        _ => condition.GetType().Name,
    };

    /// <summary>AND, or when negated OR of the negations.</summary>
    public static Expression TranslateAnd(AndCondition and, TranslationContext context, bool negated)
    {
        var parts = Distinct(and.Of).Select(c => TranslateCondition(c, context, negated)).ToList();
        return Predicates.Balanced(parts, 0, parts.Count, negated ? Expression.OrElse : Expression.AndAlso);
    }

    /// <summary>OR, or when negated AND of the negations.</summary>
    public static Expression TranslateOr(OrCondition or, TranslationContext context, bool negated)
    {
        var parts = Distinct(or.Of).Select(c => TranslateCondition(c, context, negated)).ToList();
        return Predicates.Balanced(parts, 0, parts.Count, negated ? Expression.AndAlso : Expression.OrElse);
    }

    public static Expression TranslateNot(NotCondition not, TranslationContext context, bool negated) =>
        TranslateCondition(not.Of, context, !negated);

    public static Expression TranslateAttribute(AttributeCondition attribute, TranslationContext context, bool negated) =>
        context.Bind(AttributePredicates.For(attribute, context.Time, negated, context.DataContext));

    public static Expression TranslateEvent(EventCondition @event, TranslationContext context, bool negated) =>
        context.Bind(EventShapes.For(@event, context).Apply(negated));

    public static Expression TranslateSequence(SequenceCondition sequence, TranslationContext context, bool negated) =>
        context.Bind(EventShapes.ForSequence(sequence, context).Apply(negated));

    /// <summary>
    /// Inlines the saved condition, evaluated at this request's asOf and zone. The validator refuses cycles;
    /// the stack is the last line of defence, because inlining a cycle would never end.
    /// </summary>
    public static Expression TranslateSegment(SegmentCondition segment, TranslationContext context, bool negated)
    {
        if (context.References.Contains(segment.Id))
        {
            var path = string.Join(" -> ", context.References.Reverse().Append(segment.Id));
            throw new SegmentException([new SpecError("", ErrorCodes.SegmentCycle, $"Saved segments refer to each other in a cycle: {path}.")]);
        }

        if (!context.Saved.TryGet(segment.Id, out var where))
        {
            throw new SegmentException([new SpecError("", ErrorCodes.UnknownSegment, $"There is no saved segment '{segment.Id}'.")]);
        }

        context.References.Push(segment.Id);
        try
        {
            return TranslateCondition(where, context, negated);
        }
        finally
        {
            context.References.Pop();
        }
    }
}
