using Microsoft.OData;
using Microsoft.OData.UriParser;

namespace DuckMart.Api.OData;

/// <summary>
/// Refuses <c>div</c> or <c>mod</c> by a literal zero in <c>$filter</c> (issue 6): it has no mathematical answer, and
/// DuckDB would quietly make it NULL (so <c>age div 0 eq 1</c> matched nobody and <c>not (…)</c> everybody).
/// A zero that comes from the data (<c>age mod age</c>) stays DuckDB's NULL, which fails the comparison.
/// </summary>
internal static class ZeroDivisorCheck
{
    public static void Check(QueryNode? node)
    {
        switch (node)
        {
            case BinaryOperatorNode binary:
                if (binary.OperatorKind is BinaryOperatorKind.Divide or BinaryOperatorKind.Modulo && IsZero(binary.Right))
                {
                    throw new ODataException(
                        $"Division by zero: the right-hand side of '{(binary.OperatorKind == BinaryOperatorKind.Divide ? "div" : "mod")}' is the literal 0.");
                }

                Check(binary.Left);
                Check(binary.Right);
                break;
            case ConvertNode convert:
                Check(convert.Source);
                break;
            case UnaryOperatorNode unary:
                Check(unary.Operand);
                break;
            case SingleValueFunctionCallNode call:
                foreach (var parameter in call.Parameters)
                {
                    Check(parameter);
                }

                break;
            case LambdaNode lambda:
                Check(lambda.Body);
                break;
            case CountNode count:
                Check(count.FilterClause?.Expression);
                break;
            case InNode @in:
                Check(@in.Left);
                break;
        }
    }

    private static bool IsZero(SingleValueNode node) => node switch
    {
        ConvertNode convert => IsZero(convert.Source),
        ConstantNode { Value: int or long or short or byte or sbyte or decimal or double or float } constant =>
            Convert.ToDecimal(constant.Value, System.Globalization.CultureInfo.InvariantCulture) == 0m,
        _ => false,
    };
}
