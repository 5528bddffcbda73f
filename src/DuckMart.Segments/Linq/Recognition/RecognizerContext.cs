using System.Linq.Expressions;

namespace DuckMart.Segments.Linq.Recognition;

/// <summary>
/// What the recogniser carries down the tree, like OData's QueryBinderContext: the lambda parameter that stands
/// for the user, and inside an <c>Events</c> lambda the one that stands for the event.
/// </summary>
internal sealed class RecognizerContext(ParameterExpression user)
{
    public ParameterExpression User { get; } = user;

    public ParameterExpression? Event { get; init; }

    public RecognizerContext ForEvent(ParameterExpression e) => new(User) { Event = e };
}
