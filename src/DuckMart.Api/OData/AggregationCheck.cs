using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Microsoft.OData.UriParser.Aggregation;

namespace DuckMart.Api.OData;

/// <summary>
/// Refuses the parts of <c>$apply</c> this service leaves out, each with a 400 that says so (docs/odata.md "$apply"):
/// <c>min</c>/<c>max</c> of <c>timestamp</c>, which the library (9.5.0) computes but then cannot write (a DateTime in an
/// aggregate is no Edm primitive: a 500), and every transformation but <c>filter</c>, <c>groupby</c> and <c>aggregate</c>.
/// </summary>
internal static class AggregationCheck
{
    public static void Check(ApplyClause? apply)
    {
        foreach (var transformation in apply?.Transformations ?? [])
        {
            Check(transformation);
        }
    }

    private static void Check(TransformationNode node)
    {
        switch (node)
        {
            case GroupByTransformationNode groupBy:
                if (groupBy.ChildTransformations is { } child)
                {
                    Check(child);
                }

                break;
            case AggregateTransformationNode aggregate:
                foreach (var expression in aggregate.AggregateExpressions.OfType<AggregateExpression>())
                {
                    if (expression.Method is AggregationMethod.Min or AggregationMethod.Max
                        && expression.Expression?.TypeReference?.IsDateTimeOffset() == true)
                    {
                        throw new ODataException(
                            $"The aggregate '{(expression.Method == AggregationMethod.Min ? "min" : "max")}' of a timestamp is not supported by $apply here; " +
                            "order events by timestamp with $orderby and $top=1 instead.");
                    }
                }

                break;
            case FilterTransformationNode:
                break;
            default:
                throw new ODataException($"The $apply transformation '{node.Kind}' is not supported here; use filter, groupby and aggregate.");
        }
    }
}
