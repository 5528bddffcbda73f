using System.CommandLine;

namespace DuckMart.Cli.Commands;

/// <summary>Options several commands share, spelled and described once.</summary>
internal static class CommonOptions
{
    public static Option<FileInfo> UsersCsv() =>
        new("--users") { HelpName = "U.csv", Description = "users.csv: user_id,name,age,gender,location,signup_date,subscription_plan,device_type", Required = true };

    public static Option<FileInfo> EventsCsv() =>
        new("--events") { HelpName = "E.csv", Description = "events.csv: user_id,event_name,timestamp", Required = true };

    public static Option<FileInfo> Database() =>
        new("--db") { HelpName = "FILE", Description = "The DuckDB database file to replace (published atomically; readers see old or new)", Required = true };
}
