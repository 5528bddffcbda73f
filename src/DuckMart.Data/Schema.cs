namespace DuckMart.Data;

/// <summary>The DDL of a DuckMart database, the one place the physical column types are chosen.</summary>
public static class Schema
{
    public const string CreateUsers = """
        CREATE TABLE users (
            user_id BIGINT NOT NULL PRIMARY KEY,
            name VARCHAR,
            age INTEGER,
            gender VARCHAR,
            location VARCHAR,
            signup_date DATE,
            subscription_plan VARCHAR,
            device_type VARCHAR
        )
        """;

    // No index on events: DuckDB's ART indexes help neither semi-joins nor aggregates, and slow the load.
    public const string CreateEvents = """
        CREATE TABLE events (
            user_id BIGINT NOT NULL,
            event_name VARCHAR NOT NULL,
            "timestamp" TIMESTAMP NOT NULL
        )
        """;
}
