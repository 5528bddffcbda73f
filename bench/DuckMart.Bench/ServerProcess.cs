using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DuckMart.Bench;

/// <summary>
/// `duckmart serve` as a child process on a free loopback port: measured as users run it, and in its own
/// process so that its peak memory is its own and not the harness's.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _outputTail = new();

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    /// <summary>Why the server is gone, if it is: its exit code and last output lines; null while it runs.</summary>
    public string? Death => _process.HasExited ? $"duckmart serve exited with {_process.ExitCode}: {OutputTail}" : null;

    public static async Task<ServerProcess> StartAsync(DuckMartCli cli, string databasePath, HttpClient probe, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var info = cli.StartInfo("serve", "--db", databasePath, "--urls", baseAddress.ToString().TrimEnd('/'));
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        // Per-request log lines to the console would be measured as server time.
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var server = new ServerProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start duckmart serve"), baseAddress);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (server._process.HasExited)
            {
                throw new InvalidOperationException($"duckmart serve exited with {server._process.ExitCode}: {server.OutputTail}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri(baseAddress, "segments"), cancellationToken);
                return server;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(250, cancellationToken);
            }
        }

        await server.DisposeAsync();
        throw new TimeoutException("duckmart serve did not answer within 90 s");
    }

    /// <summary>The server's peak resident memory so far (VmHWM), in bytes; null off Linux.</summary>
    public long? PeakRssBytes()
    {
        var path = $"/proc/{_process.Id}/status";
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public string OutputTail
    {
        get
        {
            lock (_outputTail)
            {
                return string.Join(" | ", _outputTail);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputTail)
        {
            _outputTail.Enqueue(line);
            while (_outputTail.Count > 5)
            {
                _outputTail.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
