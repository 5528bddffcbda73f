namespace DuckMart.Data.ClickHouse;

/// <summary>
/// The DDL of DuckMart's tables on the cluster: per shard <c>users_local</c> / <c>events_local</c> (a user
/// and all their events on one shard, so every condition is answered inside a shard), and
/// <c>Distributed</c> tables <c>users</c> / <c>events</c> over them with the column names of DuckDB's tables.
/// </summary>
public static class ClickHouseSchema
{
    public const string UsersLocal = "users_local";
    public const string EventsLocal = "events_local";

    // ClickHouse 18.16's DateTime has whole seconds; DuckDB keeps microseconds. The fraction is kept in
    // its own column so that a load loses nothing and comparisons can stay exact.
    private const string UsersColumns = """
        user_id Int64,
        name Nullable(String),
        age Nullable(Int32),
        gender Nullable(String),
        location Nullable(String),
        signup_date Nullable(Date),
        subscription_plan Nullable(String),
        device_type Nullable(String)
        """;

    private const string EventsColumns = """
        user_id Int64,
        event_name String,
        timestamp DateTime('UTC'),
        timestamp_micros UInt32
        """;

    public static string CreateUsersLocal(string table, bool ifNotExists = false) =>
        $"CREATE TABLE {(ifNotExists ? "IF NOT EXISTS " : "")}{table} ({UsersColumns}) ENGINE = MergeTree() ORDER BY user_id";

    // Ordered as in DuckDB (FACTS.md): an event-name filter reads a range, a user's events are adjacent.
    public static string CreateEventsLocal(string table, bool ifNotExists = false) =>
        $"CREATE TABLE {(ifNotExists ? "IF NOT EXISTS " : "")}{table} ({EventsColumns}) ENGINE = MergeTree() ORDER BY (event_name, user_id, timestamp)";

    /// <summary>
    /// The sharding key is <c>user_id</c>: a row goes to shard <c>user_id mod N</c> (as unsigned), as the loader sends it.
    /// The local tables' database is written by name: 18.16 keeps <c>currentDatabase()</c> unevaluated in the table's
    /// metadata and evaluates it again when the server starts, in its default database, so after a restart a
    /// Distributed table of another database read <c>default</c>'s local tables (found on this cluster). Null (the
    /// URL names no database) keeps <c>currentDatabase()</c>, which is then the server's default both times.
    /// </summary>
    public static string CreateUsers(string? database) =>
        $"CREATE TABLE IF NOT EXISTS users ({UsersColumns}) ENGINE = Distributed({ClickHouseCluster.Name}, {database ?? "currentDatabase()"}, {UsersLocal}, user_id)";

    public static string CreateEvents(string? database) =>
        $"CREATE TABLE IF NOT EXISTS events ({EventsColumns}) ENGINE = Distributed({ClickHouseCluster.Name}, {database ?? "currentDatabase()"}, {EventsLocal}, user_id)";
}
