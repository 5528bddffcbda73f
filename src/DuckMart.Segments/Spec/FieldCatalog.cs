namespace DuckMart.Segments.Spec;

/// <summary>What kind of value a user attribute holds; it decides the operators and values allowed.</summary>
public enum FieldKind
{
    Integer,
    String,
    Date,
}

/// <summary>
/// The allow-list of user attributes a spec may name, with their kinds, and the operators per kind
/// (CONTRACT.md "attribute"). Nothing outside it ever becomes a member access.
/// </summary>
public static class FieldCatalog
{
    public static readonly IReadOnlyDictionary<string, FieldKind> Fields = new Dictionary<string, FieldKind>(StringComparer.Ordinal)
    {
        ["userId"] = FieldKind.Integer,
        ["name"] = FieldKind.String,
        ["age"] = FieldKind.Integer,
        ["gender"] = FieldKind.String,
        ["location"] = FieldKind.String,
        ["signupDate"] = FieldKind.Date,
        ["subscriptionPlan"] = FieldKind.String,
        ["deviceType"] = FieldKind.String,
    };

    private static readonly string[] All = ["eq", "neq", "in", "notIn", "isNull", "isNotNull"];
    private static readonly string[] Ordered = ["gt", "gte", "lt", "lte", "between"];
    private static readonly string[] Text = ["contains", "startsWith", "endsWith"];

    public static IReadOnlyList<string> OperatorsFor(FieldKind kind) => kind switch
    {
        FieldKind.Integer => [.. All, .. Ordered],
        FieldKind.String => [.. All, .. Text],
        FieldKind.Date => [.. All, .. Ordered, "inLast"],
        _ => All,
    };

    public static bool TryGetKind(string field, out FieldKind kind) => Fields.TryGetValue(field, out kind);
}
