using System.Linq.Expressions;

namespace DuckMart.Segments.Linq.Recognition;

/// <summary>
/// Reads the value of a part of the tree that does not depend on the lambda's parameters: a constant, a captured
/// variable, or the holder object OData puts a <c>$filter</c> literal in (EnableConstantParameterization).
/// </summary>
internal static class RecognizedValue
{
    public static bool TryRead(Expression expression, out object? value)
    {
        value = null;
        expression = StripConvert(expression);
        if (ParameterFinder.Uses(expression) || expression.Type.IsAssignableTo(typeof(IQueryable)))
        {
            return false;
        }

        switch (expression)
        {
            case ConstantExpression constant:
                value = constant.Value;
                return true;
            case MemberExpression { Expression: ConstantExpression holder, Member: System.Reflection.FieldInfo field }:
                value = field.GetValue(holder.Value);
                return true;
            case MemberExpression { Expression: ConstantExpression holder, Member: System.Reflection.PropertyInfo property }:
                value = property.GetValue(holder.Value);
                return true;
            default:
                // Anything else without a parameter (new DateTime(...), list.ToArray()) is evaluated once, here; if it
                // throws, the part is left to linq2db, which will report it as it would have anyway.
                try
                {
                    value = Expression.Lambda(expression).Compile(preferInterpretation: true).DynamicInvoke();
                    return true;
                }
                catch (System.Reflection.TargetInvocationException)
                {
                    return false;
                }
        }
    }

    /// <summary>Drops the conversions C# and OData add to lift a value to a nullable or a wider type.</summary>
    public static Expression StripConvert(Expression expression)
    {
        while (expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert
            && IsLifting(convert.Operand.Type, convert.Type))
        {
            expression = convert.Operand;
        }

        return expression;
    }

    // int -> int?, DateTime -> DateTime?: the same value. A conversion that changes the value (int -> double) is kept.
    private static bool IsLifting(Type from, Type to) =>
        from == to || Nullable.GetUnderlyingType(to) == from || Nullable.GetUnderlyingType(from) == to;

    private sealed class ParameterFinder : ExpressionVisitor
    {
        private bool _found;

        public static bool Uses(Expression expression)
        {
            var finder = new ParameterFinder();
            finder.Visit(expression);
            return finder._found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _found = true;
            return node;
        }

        // A query inside (db.Events.Count()) is not a value to read here: it would run a second statement.
        public override Expression? Visit(Expression? node)
        {
            if (node is not null && node.Type.IsAssignableTo(typeof(IQueryable)))
            {
                _found = true;
                return node;
            }

            return base.Visit(node);
        }
    }
}
