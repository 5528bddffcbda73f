using System.Linq.Expressions;
using DuckMart.Domain;

namespace DuckMart.Segments.Spec;

/// <summary>What kind of value a user attribute holds; it decides the operators and values allowed.</summary>
public enum FieldKind
{
    Integer,
    String,
    Date,
}

/// <summary>
/// One user attribute a spec may name: its public name, kind, the <see cref="User"/> member it reads (typed by kind:
/// <c>Func&lt;User, long?&gt;</c>, <c>string?</c> or <c>DateOnly?</c>), the label the web builder shows, and for
/// integers the values a comparison may use (ages are 0..150 at ingest; outside that is a typo, not a question).
/// </summary>
public sealed record FieldDescriptor(string Name, FieldKind Kind, LambdaExpression Member, string Label, long? Min = null, long? Max = null);

/// <summary>
/// The allow-list of user attributes a spec may name, with their kinds, and the operators per kind
/// (CONTRACT.md "attribute"). Nothing outside it ever becomes a member access. The validator, the translator
/// (AttributePredicates) and the web builder (GET /segments/schema/fields) all read <see cref="Descriptors"/>.
/// </summary>
public static class FieldCatalog
{
    public static readonly IReadOnlyList<FieldDescriptor> Descriptors =
    [
        Integer("userId", u => u.UserId, "User ID"),
        Text("name", u => u.Name, "Name"),
        Integer("age", u => u.Age, "Age", 0, 150),
        Text("gender", u => u.Gender, "Gender"),
        Text("location", u => u.Location, "Location"),
        new("signupDate", FieldKind.Date, (Expression<Func<User, DateOnly?>>)(u => u.SignupDate), "Signup date"),
        Text("subscriptionPlan", u => u.SubscriptionPlan, "Subscription plan"),
        Text("deviceType", u => u.DeviceType, "Device type"),
    ];

    private static readonly Dictionary<string, FieldDescriptor> ByName = Descriptors.ToDictionary(d => d.Name, StringComparer.Ordinal);

    public static readonly IReadOnlyDictionary<string, FieldKind> Fields = Descriptors.ToDictionary(d => d.Name, d => d.Kind, StringComparer.Ordinal);

    private static readonly string[] All = ["eq", "neq", "in", "notIn", "isNull", "isNotNull"];
    private static readonly string[] Ordered = ["gt", "gte", "lt", "lte", "between"];
    private static readonly string[] TextOperators = ["contains", "startsWith", "endsWith"];

    public static IReadOnlyList<string> OperatorsFor(FieldKind kind) => kind switch
    {
        FieldKind.Integer => [.. All, .. Ordered],
        FieldKind.String => [.. All, .. TextOperators],
        FieldKind.Date => [.. All, .. Ordered, "inLast"],
        _ => All,
    };

    public static bool TryGetKind(string field, out FieldKind kind) => Fields.TryGetValue(field, out kind);

    public static bool TryGet(string field, out FieldDescriptor descriptor) => ByName.TryGetValue(field, out descriptor!);

    /// <summary>The member of a field of the given kind; a field outside the allow-list (or of another kind) is never read.</summary>
    public static Expression<Func<User, T>> Member<T>(string field) =>
        ByName.TryGetValue(field, out var d) && d.Member is Expression<Func<User, T>> member ? member : throw new NotSupportedException(field);

    // Nullable results, as the translator compares them: a NULL attribute fails every comparison but isNull.
    private static FieldDescriptor Integer(string name, Expression<Func<User, long?>> member, string label, long? min = null, long? max = null) =>
        new(name, FieldKind.Integer, member, label, min, max);

    private static FieldDescriptor Text(string name, Expression<Func<User, string?>> member, string label) => new(name, FieldKind.String, member, label);
}
