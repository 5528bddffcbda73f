using DuckMart.Segments.Spec;

namespace DuckMart.Segments;

/// <summary>
/// Reads a spec from JSON and validates it in one pass: either a model that can be evaluated, or a
/// <see cref="SegmentException"/> listing every error with its JSON Pointer.
/// </summary>
public static class SegmentSpecReader
{
    /// <summary>A POST /segments body.</summary>
    public static SegmentRequest ReadRequest(ReadOnlySpan<byte> utf8Json, ISavedSegments saved, SpecLimits? limits = null) =>
        throw new NotImplementedException();

    /// <summary>A PUT /segments/{id} body; a reference back to <paramref name="id"/> (directly or through others) is a cycle.</summary>
    public static SavedSegmentDefinition ReadSavedDefinition(ReadOnlySpan<byte> utf8Json, string id, ISavedSegments saved, SpecLimits? limits = null) =>
        throw new NotImplementedException();

    /// <summary>A bare condition (the LINQ surface's Segment.Parse, the CLI's SPEC.json may be either form).</summary>
    public static Condition ReadCondition(ReadOnlySpan<byte> utf8Json, ISavedSegments saved, SpecLimits? limits = null) =>
        throw new NotImplementedException();
}
