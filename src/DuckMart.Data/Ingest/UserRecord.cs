namespace DuckMart.Data.Ingest;

/// <summary>A users.csv row that passed every rule, typed as it will be stored.</summary>
public readonly record struct UserRecord(
    long UserId,
    string? Name,
    int? Age,
    string? Gender,
    string? Location,
    DateOnly? SignupDate,
    string? SubscriptionPlan,
    string? DeviceType);
