using System.Text.Json.Serialization;

namespace DuckMart.Api.Segments;

/// <summary>
/// The answer of POST /segments and GET /segments/{id}/users (CONTRACT.md section 2). <see cref="Count"/>
/// is the whole segment whatever the page; <see cref="UserIds"/> ascend and are left out with countOnly;
/// <see cref="NextCursor"/> is always present, null on the last page; <see cref="AsOf"/> is the instant
/// used (the request's arrival when none was given), to be sent back for stable paging.
/// </summary>
public sealed record SegmentResponse(
    long Count,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<long>? UserIds,
    string? NextCursor,
    DateTime AsOf,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sql = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, object?>? Parameters = null);
