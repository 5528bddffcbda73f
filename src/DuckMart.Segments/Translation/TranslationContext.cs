using System.Linq.Expressions;
using DuckMart.Domain;
using DuckMart.Segments.Spec;
using LinqToDB;

namespace DuckMart.Segments.Translation;

/// <summary>
/// What every Translate method needs (like OData's QueryBinderContext): the one <see cref="User"/> parameter
/// all sub-predicates share, the moment and zone of the evaluation, the connection the event subqueries
/// are built on, the saved segments, and the chain of segment references being inlined (for cycles).
/// </summary>
internal sealed class TranslationContext(IDataContext dataContext, ISavedSegments saved, EvaluationTime time)
{
    private IQueryable<Event>? events;

    public ParameterExpression User { get; } = Expression.Parameter(typeof(User), "u");

    public IDataContext DataContext { get; } = dataContext;

    public ISavedSegments Saved { get; } = saved;

    public EvaluationTime Time { get; } = time;

    /// <summary>The saved segment ids being inlined, innermost last.</summary>
    public Stack<string> References { get; } = new();

    /// <summary>
    /// The events table, captured by the subquery lambdas so linq2db expands it. One instance per translation:
    /// <c>GetTable</c> resolves the mapping each time, a sixth of the translation of an event-heavy spec.
    /// </summary>
    public IQueryable<Event> Events => events ??= DataContext.GetTable<Event>();

    /// <summary>The body of <paramref name="predicate"/> rewritten over the shared <see cref="User"/> parameter.</summary>
    public Expression Bind(Expression<Func<User, bool>> predicate) => Predicates.Inline(predicate, User);
}
