using LinqToDB.Mapping;

namespace DuckMart.Domain;

/// <summary>A DuckMart customer, as loaded from users.csv. Every attribute but the id may be unknown (NULL).</summary>
[Table("users")]
public sealed class User
{
    [Column("user_id"), PrimaryKey, NotNull]
    public long UserId { get; set; }

    [Column("name")]
    public string? Name { get; set; }

    [Column("age")]
    public int? Age { get; set; }

    [Column("gender")]
    public string? Gender { get; set; }

    [Column("location")]
    public string? Location { get; set; }

    [Column("signup_date", DataType = LinqToDB.DataType.Date)]
    public DateOnly? SignupDate { get; set; }

    [Column("subscription_plan")]
    public string? SubscriptionPlan { get; set; }

    [Column("device_type")]
    public string? DeviceType { get; set; }

    /// <summary>What the user did. An association, so <c>u.Events.Any(...)</c> renders as EXISTS.</summary>
    [Association(ThisKey = nameof(UserId), OtherKey = nameof(Event.UserId))]
    public IEnumerable<Event> Events { get; set; } = [];
}
