using System.CommandLine;
using DuckMart.Data.Ingest;

namespace DuckMart.Cli;

/// <summary>
/// Runs the root command with the product's error policy (CONTRACT.md section 1): every failure exits
/// non-zero with one clear line on stderr, never a stack trace.
/// </summary>
public static class CliRunner
{
    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var command = parsed.CommandResult.Command;
            var name = command == root ? "duckmart" : $"duckmart {command.Name}";
            // "Unrecognized command or argument" says more than the "command was not provided" it causes.
            var errors = parsed.Errors.Select(e => e.Message).Distinct().ToList();
            var unrecognized = errors.Where(e => e.StartsWith("Unrecognized", StringComparison.Ordinal)).ToList();
            Fail($"{string.Join("; ", unrecognized.Count > 0 ? unrecognized : errors)} (see '{name} --help')");
            return 2;
        }

        try
        {
            // Our own handler below: System.CommandLine's default one prints the stack trace.
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is CliError or IngestException or DuckMart.Data.ClickHouse.ClickHouseException)
        {
            Fail(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Fail(ex.Message);
        }
        catch (OperationCanceledException)
        {
            Fail("cancelled");
            return 130;
        }
        catch (Exception ex)
        {
            Fail($"unexpected {ex.GetType().Name}: {ex.Message}");
        }

        return 1;
    }

    private static void Fail(string message) =>
        Console.Error.WriteLine($"duckmart: error: {message.ReplaceLineEndings(" ")}");
}
