using System.Text.Json;

namespace DuckMart.Segments.Spec;

/// <summary>
/// The time of a user's first or last matching event, compared with <see cref="Op"/>: before (t &lt; v),
/// after (t &gt;= v), between (v0 &lt;= t &lt; v1). <see cref="Value"/> is a time point, or two for between.
/// </summary>
public sealed record TimeMeasure(string Op, JsonElement Value)
{
    public TimePoint Single => TimePoint.Parse(Value.GetString()!);

    public (TimePoint From, TimePoint To) Range => (TimePoint.Parse(Value[0].GetString()!), TimePoint.Parse(Value[1].GetString()!));
}
