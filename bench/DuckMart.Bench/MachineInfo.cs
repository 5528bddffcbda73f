using System.Runtime.InteropServices;

namespace DuckMart.Bench;

/// <summary>What the numbers were measured on: they mean little without it.</summary>
public sealed record MachineInfo(int Cores, string Memory, string Cpu, string Os, string Runtime, double LoadAverage1m)
{
    public static MachineInfo Read()
    {
        var cpu = ReadLine("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memKb = ReadLine("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var memory = long.TryParse(memKb, out var kb) ? $"{kb / 1024.0 / 1024.0:F1} GiB" : "unknown";
        return new MachineInfo(Environment.ProcessorCount, memory, cpu, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, LoadAverage());
    }

    /// <summary>The 1-minute load average: on a shared machine it says how much else was running.</summary>
    public static double LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    private static string? ReadLine(string path, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
