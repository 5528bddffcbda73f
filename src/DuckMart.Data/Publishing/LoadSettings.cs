using System.Globalization;

namespace DuckMart.Data.Publishing;

/// <summary>
/// How much memory a load (<c>duckmart load</c>, <c>ingest</c>) lets DuckDB take for its sort of the events.
/// </summary>
/// <remarks>
/// DuckDB's default is 80% of RAM. A load usually runs beside a serving process (a reload under load), whose
/// DuckDB may hold its own 4 GB (<see cref="ServingSettings.MemoryLimit"/>) plus the .NET heap: 80% + 4 GB is
/// more than the machine, and the kernel's OOM killer then picks the biggest process. The 10M-user load
/// (500M events) reached 20 GB resident on a 23.5 GB machine with the default. Beyond the limit DuckDB's sort
/// spills to disk (<c>FILE.tmp</c> beside the database), so a smaller limit costs time, never the load.
/// </remarks>
public static class LoadSettings
{
    /// <summary>Share of physical memory a load may use unless <c>DUCKMART_LOAD_MEMORY_LIMIT</c> says otherwise.</summary>
    public const double DefaultShare = 0.6;

    /// <summary>The value for <c>SET memory_limit</c>: the environment's if set (DuckDB syntax, "12GB"), else 60% of RAM.</summary>
    public static string MemoryLimit(string? configured, long physicalBytes)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim();
        }

        var megabytes = (long)(physicalBytes * DefaultShare / (1024 * 1024));
        return Math.Max(megabytes, 256).ToString(CultureInfo.InvariantCulture) + "MB";
    }

    public static string FromEnvironment() => MemoryLimit(
        Environment.GetEnvironmentVariable("DUCKMART_LOAD_MEMORY_LIMIT"),
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    /// <summary>The statement, quoted for DuckDB (a configured value is data, never SQL).</summary>
    public static string Statement(string memoryLimit) => $"SET memory_limit = {SqlText.Quote(memoryLimit)}";
}
