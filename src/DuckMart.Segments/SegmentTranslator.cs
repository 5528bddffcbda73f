using System.Linq.Expressions;
using DuckMart.Data;
using DuckMart.Domain;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments;

/// <summary>Turns a validated condition into a predicate over <see cref="User"/> that linq2db renders as DuckDB SQL.</summary>
public sealed class SegmentTranslator(DuckMartDb db, ISavedSegments saved)
{
    public DuckMartDb Db { get; } = db;

    public ISavedSegments Saved { get; } = saved;

    public Expression<Func<User, bool>> Translate(Condition where, EvaluationTime time) => throw new NotImplementedException();
}
