namespace DuckMart.Generator;

/// <summary>One clean user as written to users.csv; the event generator needs the id and signup date.</summary>
internal sealed record GeneratedUser(
    long UserId,
    string Name,
    int? Age,
    string? Gender,
    string Location,
    DateOnly SignupDate,
    string Plan,
    string Device);
