using System.Linq.Expressions;

namespace DuckMart.Api.OData;

/// <summary>
/// Whether an expression reads a lambda parameter (the row), so cannot be computed before the query: what the
/// binder asks before folding a side into one value, and what the integer rule asks before evaluating one.
/// </summary>
internal sealed class RowReader : ExpressionVisitor
{
    private bool found;

    public static bool Reads(Expression expression)
    {
        var reader = new RowReader();
        reader.Visit(expression);
        return reader.found;
    }

    protected override Expression VisitParameter(ParameterExpression node)
    {
        found = true;
        return node;
    }
}
