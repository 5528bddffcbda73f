using System.CommandLine;
using DuckMart.Api;
using DuckMart.Data.ClickHouse;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DuckMart.Cli.Commands;

/// <summary><c>duckmart serve --db FILE [--urls URL]</c>: the HTTP API (CONTRACT.md section 2) over one database.</summary>
public static class ServeCommand
{
    /// <summary>Loopback unless told otherwise: the API has no authentication, so it should not face a network by accident.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Where <c>serve --clickhouse</c> keeps saved segments unless told: beside the other local data.</summary>
    public const string DefaultClickHouseSegments = "data/clickhouse.segments.json";

    public static Command Create()
    {
        var db = new Option<string?>("--db") { Description = "The DuckDB database file to serve (written by `duckmart ingest` or `load`), or --clickhouse." };
        var clickhouse = new Option<string?>("--clickhouse") { Description = "Serve segments from the ClickHouse cluster at this URL instead (docs/scale-out.md)." };
        var segments = new Option<string?>("--segments") { Description = $"With --clickhouse: the saved segments file (default {DefaultClickHouseSegments})." };
        var urls = new Option<string>("--urls") { Description = $"Where to listen, ';'-separated (default {DefaultUrls}).", DefaultValueFactory = _ => DefaultUrls };
        var logFormat = new Option<string>("--log-format")
        {
            Description = "auto (text on a terminal, one JSON object a line otherwise), text or json.",
            DefaultValueFactory = _ => "auto",
        };
        logFormat.AcceptOnlyFromAmong("auto", "text", "json");
        var command = new Command("serve", "Serve the segments API, OData and the API docs (/docs) over a database.") { db, clickhouse, segments, urls, logFormat };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var path = parseResult.GetValue(db) ?? "";
            var clickhouseUrl = parseResult.GetValue(clickhouse);
            if ((path.Length > 0) == (clickhouseUrl is not null))
            {
                await error.WriteLineAsync("duckmart serve: give one of --db FILE and --clickhouse URL.");
                return 1;
            }

            if (clickhouseUrl is not null)
            {
                try
                {
                    await ClickHousePublisher.CheckAsync(clickhouseUrl, cancellationToken);
                }
                catch (ClickHouseException e)
                {
                    await error.WriteLineAsync($"duckmart serve: {e.Message}");
                    return 1;
                }
            }
            else if (!File.Exists(path))
            {
                await error.WriteLineAsync($"duckmart serve: database file not found: {path} (create it with `duckmart ingest`).");
                return 1;
            }

            try
            {
                var formatArgs = LogFormatArgs(parseResult.GetValue(logFormat)!);
                var forPeople = formatArgs.Length == 1 && formatArgs[0].EndsWith("=text", StringComparison.Ordinal);
                await using var app = DuckMartApp.Build(
                    new ApiSettings(clickhouseUrl is null ? path : null, parseResult.GetValue(urls), clickhouseUrl),
                    formatArgs,
                    configure: b =>
                    {
                        b.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
                        if (clickhouseUrl is not null)
                        {
                            b.Configuration["DuckMart:SavedSegmentsFile"] = Path.GetFullPath(parseResult.GetValue(segments) ?? DefaultClickHouseSegments);
                        }

                        if (forPeople)
                        {
                            // "Now listening on", "Content root path": the banner below says what a person needs, once.
                            b.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
                        }
                    });
                await app.StartAsync(cancellationToken);
                // On ClickHouse the summary is the cluster's (IDatasetSource), so the banner names the cluster.
                await ServeBanner.WriteAsync(app, clickhouseUrl ?? path, output, cancellationToken);

                await app.WaitForShutdownAsync(cancellationToken);
                return 0;
            }
            catch (OperationCanceledException)
            {
                return 0;
            }
            catch (Exception e)
            {
                // One line, never a stack trace: a taken port, a bad URL, an unreadable database. The host's own
                // "failed to start" log (with its stack trace) is filtered out above for the same reason.
                await error.WriteLineAsync($"duckmart serve: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>
    /// The log format as configuration: JSON lines for collectors (output redirected, or asked for), text for a person
    /// at a terminal, where JSON buries the ready line. DuckMart__LogFormat in the environment still wins over auto.
    /// </summary>
    public static string[] LogFormatArgs(string choice)
    {
        if (choice == "auto")
        {
            if (Environment.GetEnvironmentVariable("DuckMart__LogFormat") is not null)
            {
                return [];
            }

            choice = Console.IsOutputRedirected ? "json" : "text";
        }

        return [$"--DuckMart:LogFormat={choice}"];
    }
}
