using System.Text;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Tests.Spec;

/// <summary>Shortcuts the reader tests share: read text, or read it and collect the errors it must raise.</summary>
internal static class SpecReading
{
    public static SegmentRequest Request(string json, ISavedSegments? saved = null) =>
        SegmentSpecReader.ReadRequest(Encoding.UTF8.GetBytes(json), saved ?? NoSavedSegments.Instance);

    public static IReadOnlyList<SpecError> RequestErrors(string json, ISavedSegments? saved = null, SpecLimits? limits = null) =>
        Errors(() => SegmentSpecReader.ReadRequest(Encoding.UTF8.GetBytes(json), saved ?? NoSavedSegments.Instance, limits));

    public static IReadOnlyList<SpecError> DefinitionErrors(string json, string id, ISavedSegments saved) =>
        Errors(() => SegmentSpecReader.ReadSavedDefinition(Encoding.UTF8.GetBytes(json), id, saved));

    public static IReadOnlyList<SpecError> Errors(Action read)
    {
        try
        {
            read();
        }
        catch (SegmentException e)
        {
            e.Errors.Should().NotBeEmpty();
            return e.Errors;
        }

        throw new Xunit.Sdk.XunitException("Expected the spec to be refused, but it was read.");
    }

    /// <summary>(pointer, code) pairs, which is what the contract promises to keep stable.</summary>
    public static IEnumerable<(string Pointer, string Code)> Pairs(this IEnumerable<SpecError> errors) => errors.Select(e => (e.Pointer, e.Code));
}

/// <summary>Saved segments held in memory, as the API's store would hand them over.</summary>
internal sealed class InMemorySavedSegments : ISavedSegments
{
    private readonly Dictionary<string, Condition> _segments = new(StringComparer.Ordinal);

    public InMemorySavedSegments Add(string id, Condition where)
    {
        _segments[id] = where;
        return this;
    }

    public bool TryGet(string id, out Condition where) => _segments.TryGetValue(id, out where!);
}
