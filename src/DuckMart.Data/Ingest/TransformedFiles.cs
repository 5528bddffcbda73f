namespace DuckMart.Data.Ingest;

/// <summary>The files <c>transform</c> writes into its output directory and <c>load</c> reads back.</summary>
public static class TransformedFiles
{
    public const string Users = "users.parquet";
    public const string Events = "events.parquet";
    public const string RejectedUsers = "rejected-users.csv";
    public const string RejectedEvents = "rejected-events.csv";
    public const string Summary = "transform.json";
}
