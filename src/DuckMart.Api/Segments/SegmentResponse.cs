using System.ComponentModel;
using System.Text.Json.Serialization;
using DuckMart.Api.Dataset;

namespace DuckMart.Api.Segments;

/// <summary>
/// The answer of POST /segments and GET /segments/{id}/users (CONTRACT.md section 2). <see cref="Count"/>
/// is the whole segment whatever the page; <see cref="UserIds"/> ascend and are left out with countOnly;
/// <see cref="NextCursor"/> is always present, null on the last page; <see cref="AsOf"/> is the instant
/// used (the request's arrival when none was given), to be sent back for stable paging.
/// </summary>
public sealed record SegmentResponse(
    [property: Description("How many users the whole segment has, whatever the page.")]
    long Count,
    [property: Description("This page of matching user IDs, ascending. Absent with countOnly.")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<long>? UserIds,
    [property: Description("Send as cursor (with the same asOf) for the next page; null on the last page.")]
    string? NextCursor,
    [property: Description("The instant evaluated as now: the request's asOf, or when the request arrived.")]
    DateTime AsOf,
    [property: Description("With explain: the SQL of the ID query, values as parameters.")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Sql = null,
    [property: Description("With explain: the SQL's parameters by name.")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, object?>? Parameters = null,
    [property: Description("What the loaded data makes suspicious in a valid segment (an unknown event name or value, a window outside the data); absent when none.")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<SegmentWarning>? Warnings = null);
