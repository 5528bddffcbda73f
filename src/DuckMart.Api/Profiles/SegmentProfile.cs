namespace DuckMart.Api.Profiles;

// Instants are UTC DateTimes, not DateTimeOffsets: System.Text.Json writes them "…Z", the one form every answer
// (POST /segments included) uses, where a DateTimeOffset would come out "…+00:00" (issue 16, point 7).

/// <summary>The answer of POST /segments/profile: who is in a segment, set against all users.</summary>
public sealed record SegmentProfile(
    DateTime AsOf,
    string Timezone,
    long Count,
    long Total,
    IReadOnlyList<ProfileDimension> Dimensions,
    IReadOnlyList<ActivityWeek> Activity);

/// <summary>One attribute's distribution; buckets are in display order and both columns share them.</summary>
public sealed record ProfileDimension(string Field, string Label, IReadOnlyList<ProfileBucket> Buckets);

/// <summary><see cref="Segment"/> users of the segment and <see cref="All"/> users overall fall in <see cref="Key"/>.</summary>
public sealed record ProfileBucket(string Key, long Segment, long All);

/// <summary>Events in the week [Start, Start + 7 days): by the segment's users and by everyone.</summary>
public sealed record ActivityWeek(DateTime Start, long Segment, long All);

/// <summary>One row of the matching-users table (POST /segments/users).</summary>
public sealed record UserRow(
    long UserId,
    string? Name,
    int? Age,
    string? Gender,
    string? Location,
    DateOnly? SignupDate,
    string? SubscriptionPlan,
    string? DeviceType);

/// <summary>A page of matching users; <see cref="NextCursor"/> is opaque to callers and null on the last page.</summary>
public sealed record UserPage(long Count, IReadOnlyList<UserRow> Users, string? NextCursor, DateTime AsOf);
