using System.Linq.Expressions;
using System.Numerics;
using System.Reflection;

namespace DuckMart.Api.OData;

/// <summary>
/// Turns a comparison of an integer column with a value of a wider or other numeric kind into the exact
/// comparison on integers (issue 6). OData promotes <c>age le 3.14</c> to <c>(decimal?)age &lt;= 3.14m</c>;
/// linq2db renders that as <c>age &lt;= $1</c> with the column's type for the parameter, so DuckDB.NET failed
/// to bind 3.14 as an INTEGER (a 500) and bound 3000000000 as a wrapped-around int (a wrong answer). On integers
/// the mathematical answer is exact and cheap: <c>x &lt;= 3.14</c> is <c>x &lt;= 3</c>, <c>x &lt; 3.5</c> is <c>x &lt; 4</c>,
/// <c>x = 3.5</c> is false, a value beyond the column's range is all or nothing, and NaN compares false with
/// everything (IEEE 754; DuckDB itself orders NaN above every number, so it must not reach the SQL).
/// The rewritten bound stays a parameter, as every <c>$filter</c> value does. Called by <see cref="DuckMartFilterBinder"/>
/// on each comparison it binds.
/// </summary>
internal static class ExactIntegerComparison
{
    /// <summary>The exact comparison, or null when <paramref name="node"/> is not such a comparison.</summary>
    public static Expression? Of(BinaryExpression node)
    {
        if (node.NodeType is not (ExpressionType.Equal or ExpressionType.NotEqual or ExpressionType.LessThan
            or ExpressionType.LessThanOrEqual or ExpressionType.GreaterThan or ExpressionType.GreaterThanOrEqual))
        {
            return null;
        }

        var op = node.NodeType;
        if (IntegerOperand(node.Left) is { } left && Evaluate(node.Right, out var value) && value is not null)
        {
            return Compare(left, op, value);
        }

        if (IntegerOperand(node.Right) is { } right && Evaluate(node.Left, out value) && value is not null)
        {
            return Compare(right, Flip(op), value);
        }

        return null;
    }

    /// <summary>The integer expression <c>x</c> of <c>Convert(x, T)</c> when x reads a column and T is another numeric type.</summary>
    private static Expression? IntegerOperand(Expression side)
    {
        if (side is not UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked, Operand: var x }
            || Range(x.Type) is null
            || Underlying(side.Type) == Underlying(x.Type)
            || !IsNumeric(Underlying(side.Type))
            || !RowReader.Reads(x))
        {
            return null;
        }

        return x;
    }

    private static Expression Compare(Expression x, ExpressionType op, object value)
    {
        var (min, max) = Range(x.Type)!.Value;
        var real = ToReal(value);
        if (real.IsNaN)
        {
            return op == ExpressionType.NotEqual ? Expression.Constant(true) : Expression.Constant(false);
        }

        // The integer bound n such that "x op value" is "x op' n", with op' the same or tightened.
        switch (op)
        {
            case ExpressionType.Equal:
                return real.Integer is { } e && e >= min && e <= max ? Bound(x, ExpressionType.Equal, e) : Expression.Constant(false);
            case ExpressionType.NotEqual:
                return real.Integer is { } n && n >= min && n <= max ? Bound(x, ExpressionType.NotEqual, n) : Expression.Constant(true);
            case ExpressionType.LessThan:
                // x < v  <=>  x < ceil(v)
                return real.Ceiling > max ? NotNull(x) : real.Ceiling <= min ? Expression.Constant(false) : Bound(x, op, real.Ceiling);
            case ExpressionType.LessThanOrEqual:
                // x <= v  <=>  x <= floor(v)
                return real.Floor >= max ? NotNull(x) : real.Floor < min ? Expression.Constant(false) : Bound(x, op, real.Floor);
            case ExpressionType.GreaterThan:
                // x > v  <=>  x > floor(v)
                return real.Floor >= max ? Expression.Constant(false) : real.Floor < min ? NotNull(x) : Bound(x, op, real.Floor);
            default:
                // x >= v  <=>  x >= ceil(v)
                return real.Ceiling > max ? Expression.Constant(false) : real.Ceiling <= min ? NotNull(x) : Bound(x, op, real.Ceiling);
        }
    }

    /// <summary><c>x op n</c> with n a parameter of x's own type (read from a holder object, which linq2db parameterises).</summary>
    private static Expression Bound(Expression x, ExpressionType op, BigInteger n)
    {
        var type = Underlying(x.Type);
        object boxed = type == typeof(int) ? new Holder<int>((int)n)
            : type == typeof(long) ? new Holder<long>((long)n)
            : type == typeof(short) ? new Holder<short>((short)n)
            : type == typeof(byte) ? new Holder<byte>((byte)n)
            : new Holder<sbyte>((sbyte)n);
        Expression bound = Expression.Property(Expression.Constant(boxed), "Value");
        if (bound.Type != x.Type)
        {
            bound = Expression.Convert(bound, x.Type);
        }

        return Expression.MakeBinary(op, x, bound);
    }

    /// <summary>Every row whose x is a number: true for a column that cannot be NULL.</summary>
    private static Expression NotNull(Expression x) =>
        Nullable.GetUnderlyingType(x.Type) is null
            ? Expression.Constant(true)
            : Expression.NotEqual(x, Expression.Constant(null, x.Type));

    private static ExpressionType Flip(ExpressionType op) => op switch
    {
        ExpressionType.LessThan => ExpressionType.GreaterThan,
        ExpressionType.LessThanOrEqual => ExpressionType.GreaterThanOrEqual,
        ExpressionType.GreaterThan => ExpressionType.LessThan,
        ExpressionType.GreaterThanOrEqual => ExpressionType.LessThanOrEqual,
        _ => op,
    };

    private static (BigInteger Min, BigInteger Max)? Range(Type type)
    {
        var t = Underlying(type);
        return t == typeof(int) ? (int.MinValue, int.MaxValue)
            : t == typeof(long) ? (long.MinValue, long.MaxValue)
            : t == typeof(short) ? (short.MinValue, short.MaxValue)
            : t == typeof(byte) ? (byte.MinValue, byte.MaxValue)
            : t == typeof(sbyte) ? (sbyte.MinValue, sbyte.MaxValue)
            : null;
    }

    private static bool IsNumeric(Type t) =>
        t == typeof(decimal) || t == typeof(double) || t == typeof(float) || Range(t) is not null;

    private static Type Underlying(Type t) => Nullable.GetUnderlyingType(t) ?? t;

    /// <summary>The value of a side that reads no lambda parameter: a constant, a holder's property, conversions of those.</summary>
    private static bool Evaluate(Expression side, out object? value)
    {
        switch (side)
        {
            case ConstantExpression constant:
                value = constant.Value;
                return true;
            case MemberExpression { Expression: ConstantExpression holder, Member: PropertyInfo property }:
                value = property.GetValue(holder.Value);
                return true;
            case MemberExpression { Expression: ConstantExpression holder, Member: FieldInfo field }:
                value = field.GetValue(holder.Value);
                return true;
            case UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked, Operand: var inner }
                when IsNumeric(Underlying(side.Type)) && IsNumeric(Underlying(inner.Type)):
                // A widening OData added (int literal to decimal, say): the value is the same number.
                return Evaluate(inner, out value);
            case not null when !RowReader.Reads(side) && IsNumeric(Underlying(side.Type)):
                // Arithmetic on literals only (age le 1.5 add 27): computed here, as C# would.
                try
                {
                    value = Expression.Lambda(side).Compile(preferInterpretation: true).DynamicInvoke();
                    return true;
                }
                catch (System.Reflection.TargetInvocationException)
                {
                    // Overflow or a zero divisor in the literals: left to the query as it was.
                    value = null;
                    return false;
                }

            default:
                value = null;
                return false;
        }
    }

    private static Real ToReal(object value) => value switch
    {
        double d => Real.Of(d),
        float f => Real.Of(f),
        decimal m => new Real(false, Floor: new BigInteger(decimal.Floor(m)), Ceiling: new BigInteger(decimal.Ceiling(m))),
        _ => Real.Of(new BigInteger(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture))),
    };

    /// <summary>A number as its floor and ceiling; infinities as bounds beyond any 64-bit integer.</summary>
    private readonly record struct Real(bool IsNaN, BigInteger Floor, BigInteger Ceiling)
    {
        private static readonly BigInteger Beyond = BigInteger.Pow(2, 80);

        public BigInteger? Integer => Floor == Ceiling ? Floor : null;

        public static Real Of(BigInteger n) => new(false, n, n);

        public static Real Of(double d) =>
            double.IsNaN(d) ? new Real(true, 0, 0)
            : double.IsPositiveInfinity(d) ? Of(Beyond)
            : double.IsNegativeInfinity(d) ? Of(-Beyond)
            : new Real(false, new BigInteger(Math.Floor(d)), new BigInteger(Math.Ceiling(d)));
    }

    private sealed record Holder<T>(T Value);
}
