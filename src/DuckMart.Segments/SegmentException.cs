namespace DuckMart.Segments;

/// <summary>A spec that cannot be evaluated, with every error found in it.</summary>
public sealed class SegmentException(IReadOnlyList<SpecError> errors)
    : Exception("Invalid segment: " + string.Join("; ", errors.Select(e => $"{e.Pointer}: {e.Message}")))
{
    public IReadOnlyList<SpecError> Errors { get; } = errors;
}
