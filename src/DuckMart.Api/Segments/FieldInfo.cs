using DuckMart.Segments.Spec;

namespace DuckMart.Api.Segments;

/// <summary>
/// One user attribute as GET /segments/schema/fields describes it to the web builder: the server's own
/// <see cref="FieldCatalog"/>, so the builder offers exactly the fields, operators and bounds the validator accepts.
/// </summary>
public sealed record FieldInfo(string Name, string Label, string Kind, IReadOnlyList<string> Operators, long? Min, long? Max)
{
    public static IReadOnlyList<FieldInfo> All { get; } = FieldCatalog.Descriptors
        .Select(d => new FieldInfo(d.Name, d.Label, d.Kind.ToString().ToLowerInvariant(), FieldCatalog.OperatorsFor(d.Kind), d.Min, d.Max))
        .ToList();
}
