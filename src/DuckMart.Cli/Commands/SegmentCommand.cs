using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckMart.Api.Segments;
using DuckMart.Data;
using DuckMart.Segments;
using DuckMart.Segments.Dynamics;
using DuckMart.Segments.Saved;
using DuckMart.Segments.Spec;
using DuckMart.Segments.Validation;

namespace DuckMart.Cli.Commands;

/// <summary>
/// <c>duckmart segment --db FILE SPEC.json [--count|--sql|--summary] [--as-of T] [--timezone Z]</c>: the IDs of a segment,
/// one a line, streamed as DuckDB produces them; <c>--summary</c> is a table for people instead (<see cref="SegmentSummary"/>).
/// SPEC.json is a bare condition or a POST /segments body.
/// </summary>
public static class SegmentCommand
{
    private const int LinesPerWrite = 4096;

    public static Command Create()
    {
        var db = new Option<string?>("--db") { Description = "The DuckDB database file to query (or --clickhouse)." };
        var clickhouse = new Option<string?>("--clickhouse") { Description = "Query the ClickHouse cluster at this URL instead, e.g. http://127.0.0.1:8123/ (docs/scale-out.md)." };
        var segments = new Option<string?>("--segments") { Description = "With --clickhouse: the saved segments file { \"type\": \"segment\" } nodes refer to (as served by `serve --clickhouse`)." };
        var spec = new Argument<string>("SPEC.json") { Description = "A condition ({ \"type\": … }) or a request body ({ \"where\": … }); '-' reads standard input." };
        var count = new Option<bool>("--count") { Description = "Print only the number of matching users." };
        var sql = new Option<bool>("--sql") { Description = "Print the SQL and its parameters instead of running it." };
        var summary = new Option<bool>("--summary") { Description = "Print a small table for people: count, time, first IDs and the segment's profile against all users." };
        var asOf = new Option<string?>("--as-of") { Description = "The instant that counts as now, e.g. 2025-12-31T00:00:00Z (default: the body's asOf, else now)." };
        var timezone = new Option<string?>("--timezone") { Description = "IANA zone calendar days are counted in (default: the body's timezone, else UTC)." };
        var changes = new Option<string[]>("--changes")
        {
            Description = "Who entered and who left between FROM and TO (instants): a table on a terminal, else lines 'entered<TAB>ID' / 'left<TAB>ID'.",
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var sizes = new Option<string[]>("--sizes")
        {
            Description = "The size at FROM, FROM+EVERY, ... up to TO (EVERY e.g. P1D, P1W, PT1H; at most 400 points): a table on a terminal, else lines 'ASOF<TAB>COUNT'.",
            Arity = new ArgumentArity(3, 3),
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("segment", "Print the user IDs of a segment, one a line.") { db, clickhouse, segments, spec, count, sql, summary, asOf, timezone, changes, sizes };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new Arguments(parseResult.GetValue(db) ?? "", parseResult.GetValue(spec)!, parseResult.GetValue(count), parseResult.GetValue(sql), parseResult.GetValue(asOf), parseResult.GetValue(timezone), parseResult.GetValue(summary))
            {
                // An array option left out comes back empty, not null: only a given one means "run dynamics".
                Changes = parseResult.GetValue(changes) is { Length: > 0 } from ? from : null,
                Sizes = parseResult.GetValue(sizes) is { Length: > 0 } points ? points : null,
                Table = SegmentDynamicsOutput.IsTerminal(),
                ClickHouse = parseResult.GetValue(clickhouse),
                SavedSegmentsFile = parseResult.GetValue(segments),
            },
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    public sealed record Arguments(string Database, string SpecFile, bool Count, bool Sql, string? AsOf, string? Timezone, bool Summary = false)
    {
        /// <summary>--changes FROM TO (issue 14).</summary>
        public IReadOnlyList<string>? Changes { get; init; }

        /// <summary>--sizes FROM TO EVERY (issue 14).</summary>
        public IReadOnlyList<string>? Sizes { get; init; }

        /// <summary>Dynamics as a table for a person rather than lines for a script.</summary>
        public bool Table { get; init; }

        /// <summary>The ClickHouse URL to query instead of <see cref="Database"/>.</summary>
        public string? ClickHouse { get; init; }

        public string? SavedSegmentsFile { get; init; }
    }

    public static async Task<int> RunAsync(Arguments args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            if ((args.Count ? 1 : 0) + (args.Sql ? 1 : 0) + (args.Summary ? 1 : 0) > 1)
            {
                return await FailAsync(error, args.Summary ? "--summary cannot be combined with --count or --sql" : "choose one of --count and --sql");
            }

            if ((args.Database.Length > 0) == (args.ClickHouse is not null))
            {
                return await FailAsync(error, "give one of --db FILE and --clickhouse URL");
            }

            if ((args.Changes ?? args.Sizes) is not null && (args.Count || args.Sql || args.Summary || args.AsOf is not null || (args.Changes is not null && args.Sizes is not null)))
            {
                return await FailAsync(error, "--changes and --sizes each stand alone (no --count, --sql, --summary or --as-of: they name their own instants)");
            }

            if (args.ClickHouse is not null)
            {
                return await ClickHouseSegmentCommand.RunAsync(args, output, error, cancellationToken);
            }

            if (!File.Exists(args.Database))
            {
                return await FailAsync(error, $"database file not found: {args.Database}");
            }

            var bytes = args.SpecFile == "-" ? await ReadStdinAsync(cancellationToken) : await File.ReadAllBytesAsync(args.SpecFile, cancellationToken);
            using var database = new DuckMartDatabase(args.Database);
            // The server's saved segments, so that { "type": "segment" } nodes mean the same here.
            var saved = new SavedSegmentStore(database.Path + ".segments.json");
            var (where, time) = Read(bytes, args, saved);

            await using var connection = database.Open();
            if (args.Changes is not null)
            {
                await SegmentDynamicsOutput.WriteChangesAsync(new DuckDbSegmentDynamics(connection), where, args.Changes, time.Zone, saved, args.Table, output, cancellationToken);
                await output.FlushAsync(cancellationToken);
                return 0;
            }

            if (args.Sizes is not null)
            {
                await SegmentDynamicsOutput.WriteSizesAsync(new DuckDbSegmentDynamics(connection), where, args.Sizes, time.Zone, saved, args.Table, output, cancellationToken);
                await output.FlushAsync(cancellationToken);
                return 0;
            }

            var query = SegmentQuery.Create(connection, where, time, saved);
            if (args.Sql)
            {
                var (text, parameters) = query.Explain();
                await output.WriteLineAsync(text);
                foreach (var (name, value) in parameters)
                {
                    await output.WriteLineAsync($"-- {name} = {FormatParameter(value)}");
                }
            }
            else if (args.Summary)
            {
                await SegmentSummary.WriteAsync(connection, query, where, time, output, cancellationToken);
            }
            else if (args.Count)
            {
                await output.WriteLineAsync((await query.CountAsync(cancellationToken)).ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                // Every ID through the engine's batch reader, written a batch at a time.
                await using var ids = await query.ReadUserIdsAsync(null, null, cancellationToken);
                var buffer = new long[LinesPerWrite];
                var lines = new StringBuilder();
                int n;
                while ((n = ids.ReadBatch(buffer, cancellationToken)) > 0)
                {
                    for (var i = 0; i < n; i++)
                    {
                        lines.Append(buffer[i]).Append('\n');
                    }

                    await output.WriteAsync(lines, cancellationToken);
                    lines.Clear();
                }
            }

            await output.FlushAsync(cancellationToken);
            return 0;
        }
        catch (SegmentException e)
        {
            foreach (var err in e.Errors)
            {
                await error.WriteLineAsync($"{(err.Pointer.Length == 0 ? "/" : err.Pointer)}: {err.Code}: {err.Message}");
            }

            return 1;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (Exception e)
        {
            return await FailAsync(error, e.GetBaseException().Message);
        }
    }

    /// <summary>The condition and the moment from SPEC.json and the options; options win over the body's asOf and timezone.</summary>
    internal static Task<byte[]> ReadSpecAsync(Arguments args, CancellationToken cancellationToken) =>
        args.SpecFile == "-" ? ReadStdinAsync(cancellationToken) : File.ReadAllBytesAsync(args.SpecFile, cancellationToken);

    internal static async Task<int> ReportAsync(SegmentException e, TextWriter error)
    {
        foreach (var err in e.Errors)
        {
            await error.WriteLineAsync($"{(err.Pointer.Length == 0 ? "/" : err.Pointer)}: {err.Code}: {err.Message}");
        }

        return 1;
    }

    public static (Condition Where, EvaluationTime Time) Read(byte[] bytes, Arguments args, ISavedSegments saved)
    {
        if (JsonBody.CheckWellFormed(bytes) is { } invalid)
        {
            throw new SegmentException([invalid]);
        }

        DateTimeOffset? asOf = null;
        string? timezone = null;
        Condition where;
        if (IsRequestBody(bytes))
        {
            var request = SegmentSpecReader.ReadRequest(bytes, saved);
            (where, asOf, timezone) = (request.Where, request.AsOf, request.Timezone);
        }
        else
        {
            where = SegmentSpecReader.ReadCondition(bytes, saved);
        }

        // --as-of and --timezone win over the body's asOf and timezone; each error names what the user wrote.
        var errors = new List<SpecError>();
        var timezoneAt = args.Timezone is null ? "/timezone" : "--timezone";
        timezone = args.Timezone ?? timezone;
        var time = args.AsOf is not null
            ? EvaluationTimeResolver.Resolve(args.AsOf, timezone, DateTimeOffset.UtcNow, errors, "--as-of", timezoneAt)
            : EvaluationTimeResolver.Resolve(asOf, timezone, DateTimeOffset.UtcNow, errors, timezoneAt);
        return errors.Count > 0 ? throw new SegmentException(errors) : (where, time);
    }

    /// <summary>A body has "where" and no "type"; a condition always has "type".</summary>
    private static bool IsRequestBody(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 1_000 });
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("where", out _)
            && !document.RootElement.TryGetProperty("type", out _);
    }

    private static string FormatParameter(object? value) => value switch
    {
        null => "NULL",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        DateTime d => "'" + d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "'",
        DateOnly d => "'" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "NULL",
    };

    private static async Task<byte[]> ReadStdinAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using var stdin = Console.OpenStandardInput();
        await stdin.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    internal static async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync($"duckmart segment: {message}");
        return 1;
    }
}
