using System.Text;
using DuckMart.Api.Segments;
using DuckMart.Data.ClickHouse;
using DuckMart.Segments;
using DuckMart.Segments.Dynamics;
using DuckMart.Segments.Saved;

namespace DuckMart.Cli.Commands;

/// <summary>
/// <c>duckmart segment --clickhouse URL SPEC.json [--count|--sql]</c>: the same segment on a ClickHouse cluster
/// (CONTRACT.md section 6), and <c>--changes</c> / <c>--sizes</c> on it. <c>--sql</c> prints the ClickHouse SQL (values inline, so no parameters) and the plan.
/// Ctrl-C cancels the HTTP request and kills the query on the server by its id.
/// </summary>
internal static class ClickHouseSegmentCommand
{
    public static async Task<int> RunAsync(SegmentCommand.Arguments args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            if (args.Summary)
            {
                return await SegmentCommand.FailAsync(error, "--summary is not available with --clickhouse yet (docs/scale-out.md)");
            }

            var bytes = await SegmentCommand.ReadSpecAsync(args, cancellationToken);
            ISavedSegments saved = args.SavedSegmentsFile is { } file ? new SavedSegmentStore(file) : NoSavedSegments.Instance;
            var (where, time) = SegmentCommand.Read(bytes, args, saved);
            using var http = ClickHouseHttp.Open(args.ClickHouse!);
            if (args.Changes is not null || args.Sizes is not null)
            {
                var dynamics = new ClickHouseSegmentDynamics(http, timeLimit: null);
                await (args.Changes is { } range
                    ? SegmentDynamicsOutput.WriteChangesAsync(dynamics, where, range, time.Zone, saved, args.Table, output, cancellationToken)
                    : SegmentDynamicsOutput.WriteSizesAsync(dynamics, where, args.Sizes!, time.Zone, saved, args.Table, output, cancellationToken));
                await output.FlushAsync(cancellationToken);
                return 0;
            }

            var query = ClickHouseSegmentQuery.Create(where, time, saved, http.Database);
            if (args.Sql)
            {
                await output.WriteLineAsync(query.IdsSql);
                await output.WriteLineAsync("-- plan:");
                foreach (var line in query.ExplainPlan().TrimEnd().Split('\n'))
                {
                    await output.WriteLineAsync("--   " + line);
                }
            }
            else if (args.Count)
            {
                await output.WriteLineAsync((await query.CountAsync(http, null, cancellationToken)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                var lines = new StringBuilder();
                foreach (var id in await query.ReadIdsAsync(http, null, null, null, cancellationToken))
                {
                    lines.Append(id).Append('\n');
                }

                await output.WriteAsync(lines, cancellationToken);
            }

            await output.FlushAsync(cancellationToken);
            return 0;
        }
        catch (SegmentException e)
        {
            return await SegmentCommand.ReportAsync(e, error);
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (ClickHouseException e)
        {
            return await SegmentCommand.FailAsync(error, e.Message);
        }
        catch (Exception e)
        {
            return await SegmentCommand.FailAsync(error, e.GetBaseException().Message);
        }
    }
}
