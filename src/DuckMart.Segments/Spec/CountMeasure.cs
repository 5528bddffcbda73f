using System.Text.Json;

namespace DuckMart.Segments.Spec;

/// <summary>
/// A count compared with <see cref="Op"/> (eq neq gt gte lt lte between). <see cref="Value"/> is an integer,
/// or for between a two-element [lo, hi] inclusive list.
/// </summary>
public sealed record CountMeasure(string Op, JsonElement Value)
{
    public long Single => Value.GetInt64();

    public (long Low, long High) Range => (Value[0].GetInt64(), Value[1].GetInt64());
}
