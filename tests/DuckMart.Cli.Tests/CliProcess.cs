using System.Diagnostics;

namespace DuckMart.Cli.Tests;

/// <summary>Runs the built <c>duckmart</c> program as a child process, as a user would.</summary>
public static class CliProcess
{
    public static string Path { get; } = Locate();

    public static Process Start(string arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{Path}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return Process.Start(info)!;
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> Run(string arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(arguments, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    public static async Task RunOk(string arguments)
    {
        var (code, _, stderr) = await Run(arguments);
        code.Should().Be(0, stderr);
    }

    private static string Locate()
    {
        // Built alongside this project (ProjectReference without its assembly), same configuration.
        var here = AppContext.BaseDirectory;
        var configuration = new DirectoryInfo(here).Parent!.Name;
        var repo = System.IO.Path.GetFullPath(System.IO.Path.Combine(here, "../../../../.."));
        return System.IO.Path.Combine(repo, "src/DuckMart.Cli/bin", configuration, "net10.0/duckmart.dll");
    }
}
