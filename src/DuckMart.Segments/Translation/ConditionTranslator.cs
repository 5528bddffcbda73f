using System.Linq.Expressions;
using DuckMart.Domain;
using DuckMart.Segments.Spec;

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

    /// <summary>AND, or when negated OR of the negations.</summary>
    public static Expression TranslateAnd(AndCondition and, TranslationContext context, bool negated)
    {
        var parts = and.Of.Select(c => TranslateCondition(c, context, negated)).ToList();
        return Predicates.Balanced(parts, 0, parts.Count, negated ? Expression.OrElse : Expression.AndAlso);
    }

    /// <summary>OR, or when negated AND of the negations.</summary>
    public static Expression TranslateOr(OrCondition or, TranslationContext context, bool negated)
    {
        var parts = or.Of.Select(c => TranslateCondition(c, context, negated)).ToList();
        return Predicates.Balanced(parts, 0, parts.Count, negated ? Expression.AndAlso : Expression.OrElse);
    }

    public static Expression TranslateNot(NotCondition not, TranslationContext context, bool negated) =>
        TranslateCondition(not.Of, context, !negated);

    public static Expression TranslateAttribute(AttributeCondition attribute, TranslationContext context, bool negated) =>
        context.Bind(AttributePredicates.For(attribute, context.Time, negated));

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
            throw new SegmentException([new SpecError("", "segment_cycle", $"Saved segments refer to each other in a cycle: {path}.")]);
        }

        if (!context.Saved.TryGet(segment.Id, out var where))
        {
            throw new SegmentException([new SpecError("", "unknown_segment", $"There is no saved segment '{segment.Id}'.")]);
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
