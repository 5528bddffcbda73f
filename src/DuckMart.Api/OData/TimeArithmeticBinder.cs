using System.Linq.Expressions;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace DuckMart.Api.OData;

/// <summary>
/// The library's <see cref="FilterBinder"/>, with one addition: a side of a comparison that reads nothing of the
/// row and is an instant (<c>now() sub duration'P7D'</c>, <c>2025-01-01T00:00:00Z add duration'PT1H'</c>) is
/// computed once, here, and compared as a literal. The library compares a <c>timestamp</c> (a CLR DateTime)
/// with an instant literal by converting the literal, but with an instant <i>expression</i> it builds a
/// DateTime-vs-DateTimeOffset comparison that .NET refuses ("The binary operator GreaterThanOrEqual is not
/// defined…"). As a literal it also reaches the segment engine as a plain time bound (docs/odata.md).
/// </summary>
public sealed class TimeArithmeticBinder : FilterBinder
{
    public override Expression BindBinaryOperatorNode(BinaryOperatorNode binaryOperatorNode, QueryBinderContext context)
    {
        var node = binaryOperatorNode;
        if (IsComparison(node.OperatorKind))
        {
            var left = Folded(node.Left, context);
            var right = Folded(node.Right, context);
            if (!ReferenceEquals(left, node.Left) || !ReferenceEquals(right, node.Right))
            {
                node = new BinaryOperatorNode(node.OperatorKind, left, right);
            }
        }

        return base.BindBinaryOperatorNode(node, context);
    }

    private static bool IsComparison(BinaryOperatorKind kind) => kind is BinaryOperatorKind.Equal or BinaryOperatorKind.NotEqual
        or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual;

    /// <summary>The instant a row-free expression stands for, as a literal; any other node as it is.</summary>
    private SingleValueNode Folded(SingleValueNode node, QueryBinderContext context)
    {
        if (node is ConstantNode || node.TypeReference?.IsDateTimeOffset() != true)
        {
            return node;
        }

        var bound = Bind(node, context);
        if (RowReader.Reads(bound))
        {
            return node;
        }

        var value = Expression.Lambda<Func<object?>>(Expression.Convert(bound, typeof(object))).Compile(preferInterpretation: true)();
        return value is DateTimeOffset instant ? new ConstantNode(instant, instant.ToString("o"), node.TypeReference) : node;
    }

    /// <summary>Whether an expression reads a lambda parameter (the row), so cannot be computed before the query.</summary>
    private sealed class RowReader : ExpressionVisitor
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
}
