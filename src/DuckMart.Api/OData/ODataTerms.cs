using System.Text.RegularExpressions;

namespace DuckMart.Api.OData;

/// <summary>
/// Error texts in OData's words. The library's binder reports a type mismatch in CLR terms ("The binary operator
/// GreaterThanOrEqual is not defined for the types 'System.Nullable`1[System.DateOnly]' and
/// 'System.Nullable`1[System.DateTimeOffset]'"), which an OData client cannot act on: it knows <c>ge</c>,
/// <c>Edm.Date</c> and <c>Edm.DateTimeOffset</c>. Every 400 of the OData endpoint passes through here.
/// </summary>
public static partial class ODataTerms
{
    private static readonly Dictionary<string, string> EdmNames = new(StringComparer.Ordinal)
    {
        ["DateOnly"] = "Edm.Date",
        // timestamp is naive UTC in DuckDB and Edm.DateTimeOffset in the model (docs/odata.md).
        ["DateTime"] = "Edm.DateTimeOffset",
        ["DateTimeOffset"] = "Edm.DateTimeOffset",
        ["TimeSpan"] = "Edm.Duration",
        ["TimeOnly"] = "Edm.TimeOfDay",
        ["String"] = "Edm.String",
        ["Boolean"] = "Edm.Boolean",
        ["Byte"] = "Edm.Byte",
        ["Int16"] = "Edm.Int16",
        ["Int32"] = "Edm.Int32",
        ["Int64"] = "Edm.Int64",
        ["Single"] = "Edm.Single",
        ["Double"] = "Edm.Double",
        ["Decimal"] = "Edm.Decimal",
        ["Guid"] = "Edm.Guid",
        ["Object"] = "a value",
    };

    private static readonly Dictionary<string, string> Operators = new(StringComparer.Ordinal)
    {
        ["Equal"] = "eq",
        ["NotEqual"] = "ne",
        ["GreaterThan"] = "gt",
        ["GreaterThanOrEqual"] = "ge",
        ["LessThan"] = "lt",
        ["LessThanOrEqual"] = "le",
        ["Add"] = "add",
        ["Subtract"] = "sub",
        ["Multiply"] = "mul",
        ["Divide"] = "div",
        ["Modulo"] = "mod",
        ["AndAlso"] = "and",
        ["OrElse"] = "or",
    };

    public static string Speak(string message)
    {
        var text = BinaryOperator().Replace(message, m =>
            $"The operator '{(Operators.TryGetValue(m.Groups["op"].Value, out var op) ? op : m.Groups["op"].Value)}' cannot combine {Type(m.Groups["a"].Value)} with {Type(m.Groups["b"].Value)}");
        text = NullableType().Replace(text, m => Type(m.Value));
        // Anything else of the runtime's: its last name, never the namespace.
        return ClrName().Replace(text, m => EdmNames.TryGetValue(m.Groups["name"].Value, out var edm) ? edm : m.Groups["name"].Value);
    }

    private static string Type(string clr)
    {
        var name = NullableType().Match(clr) is { Success: true } nullable ? nullable.Groups["inner"].Value : clr;
        name = name.StartsWith("System.", StringComparison.Ordinal) ? name["System.".Length..] : name;
        return EdmNames.TryGetValue(name, out var edm) ? edm : name;
    }

    [GeneratedRegex(@"The binary operator (?<op>\w+) is not defined for the types '(?<a>[^']+)' and '(?<b>[^']+)'")]
    private static partial Regex BinaryOperator();

    [GeneratedRegex(@"System\.Nullable`1\[(?<inner>[\w.]+)\]")]
    private static partial Regex NullableType();

    [GeneratedRegex(@"System\.(?:[\w]+\.)*(?<name>\w+)")]
    private static partial Regex ClrName();
}
