using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DuckMart.Api.Tests.OData;

/// <summary>
/// A non-.NET OData client: the node:test files in tests/odata-client (odata-query builds the URLs, fetch sends
/// them) run against the app on Kestrel. One test per file; scripts/test.sh runs <c>npm ci</c> there first.
/// </summary>
public partial class NodeClientTests(KestrelODataServer server) : IClassFixture<KestrelODataServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("filters.test.mjs")]
    [InlineData("paging.test.mjs")]
    [InlineData("errors.test.mjs")]
    public async Task Node_client_test_file_passes(string file)
    {
        var folder = Path.Combine(RepositoryRoot(), "tests", "odata-client");
        Directory.Exists(Path.Combine(folder, "node_modules", "odata-query")).Should()
            .BeTrue("the client's packages are installed by `npm ci` in {0} (scripts/test.sh does it)", folder);

        var (exitCode, output) = await RunNodeAsync(folder, file);

        exitCode.Should().Be(0, output);
        var passed = int.Parse(PassLine().Match(output).Groups[1].Value);
        passed.Should().BeGreaterThan(0, output);
        output.Should().Contain("# fail 0");
    }

    private async Task<(int ExitCode, string Output)> RunNodeAsync(string folder, string file)
    {
        var start = new ProcessStartInfo("node", ["--test", "--test-reporter=tap", file])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["BASE_URL"] = server.BaseUrl;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node --test {file} ran past {Timeout}: {await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DuckMart.OData.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("DuckMart.OData.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^# pass (\d+)$", RegexOptions.Multiline)]
    private static partial Regex PassLine();
}
