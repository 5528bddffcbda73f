using System.Linq.Expressions;
using DuckMart.Domain;
using DuckMart.Segments.Planning;
using DuckMart.Segments.Rendering;
using DuckMart.Segments.Spec;
using LinqToDB;

namespace DuckMart.Segments;

/// <summary>
/// Turns a validated condition into a predicate over <see cref="User"/> that linq2db renders as DuckDB SQL:
/// plan (<see cref="SegmentPlanner"/>) then render (<see cref="PlanRenderer"/>). The entry point the API, OData
/// and LINQ layers call when they compose the predicate with their own queries.
/// </summary>
public sealed class SegmentTranslator(IDataContext db, ISavedSegments saved)
{
    /// <summary>
    /// The predicate for <paramref name="where"/> at <paramref name="time"/>. Every value from the spec is a
    /// SQL parameter; a saved segment that refers back to itself throws <see cref="SegmentException"/> (segment_cycle).
    /// </summary>
    public Expression<Func<User, bool>> Translate(Condition where, EvaluationTime time) =>
        PlanRenderer.Render(SegmentPlanner.Plan(where, time, saved), db, time);
}
