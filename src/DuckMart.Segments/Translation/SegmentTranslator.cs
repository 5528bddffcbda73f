using System.Linq.Expressions;
using DuckMart.Domain;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Translation;
using LinqToDB;

namespace DuckMart.Segments;

/// <summary>
/// Turns a validated condition into a predicate over <see cref="User"/> that linq2db renders as DuckDB SQL.
/// Thin on purpose (like OData's FilterBinder): the per-condition work is in <see cref="ConditionTranslator"/>.
/// </summary>
public sealed class SegmentTranslator(IDataContext db, ISavedSegments saved)
{
    /// <summary>
    /// The predicate for <paramref name="where"/> at <paramref name="time"/>. Every value from the spec is a
    /// SQL parameter; a saved segment that refers back to itself throws <see cref="SegmentException"/> (segment_cycle).
    /// </summary>
    public Expression<Func<User, bool>> Translate(Condition where, EvaluationTime time) =>
        ConditionTranslator.Translate(where, new TranslationContext(db, saved, time));
}
