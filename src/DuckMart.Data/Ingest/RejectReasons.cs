namespace DuckMart.Data.Ingest;

/// <summary>The <c>reason</c> column of the rejects files: stable texts, one per rule of CONTRACT.md "CSV input".</summary>
public static class RejectReasons
{
    public const string UserIdMissing = "user_id is missing";
    public const string UserIdNotInteger = "user_id is not an integer";
    public const string AgeNotInteger = "age is not an integer";
    public const string AgeOutOfRange = "age is not in 0..150";
    public const string SignupDateInvalid = "signup_date does not parse (expected yyyy-MM-dd or M/d/yyyy)";
    public const string DuplicateUserId = "duplicate user_id (the first row wins)";
    public const string EventNameEmpty = "event_name is empty";
    public const string TimestampMissing = "timestamp is missing";
    public const string TimestampInvalid = "timestamp does not parse (expected ISO 8601 with Z or an offset, or yyyy-MM-dd HH:mm:ss)";
    public const string UnknownUser = "user_id is not among the loaded users";
}
