using LinqToDB.Mapping;

namespace DuckMart.Domain;

/// <summary>One thing a user did. <see cref="Timestamp"/> is a UTC instant stored as a plain TIMESTAMP.</summary>
[Table("events")]
public sealed class Event
{
    [Column("user_id"), NotNull]
    public long UserId { get; set; }

    /// <summary>Normalised to UPPER_SNAKE_CASE at ingest (ADDED_TO_CART).</summary>
    [Column("event_name"), NotNull]
    public string EventName { get; set; } = "";

    /// <summary>UTC. Kept as DateTime (Kind=Utc on the way in) because DuckDB's TIMESTAMP has no zone.</summary>
    [Column("timestamp", DataType = LinqToDB.DataType.DateTime2), NotNull]
    public DateTime Timestamp { get; set; }

    [Association(ThisKey = nameof(UserId), OtherKey = nameof(Domain.User.UserId), CanBeNull = false)]
    public User? User { get; set; }
}
