namespace DuckMart.Data.Ingest;

/// <summary>The columns each input file must have, in the order the readers use them.</summary>
public static class CsvColumns
{
    public static readonly string[] Users =
        ["user_id", "name", "age", "gender", "location", "signup_date", "subscription_plan", "device_type"];

    public static readonly string[] Events = ["user_id", "event_name", "timestamp"];
}
