using System.Diagnostics;

namespace DuckMart.Data.Publishing;

/// <summary>
/// Files and directories that a killed process leaves behind carry its process id in their name
/// (<c>FILE.loading-PID-…</c>, <c>FILE.vSTAMP-PID-N</c>, <c>.FILE.ingest-PID</c>); whoever comes next
/// removes those whose process no longer runs.
/// </summary>
public static class LeftoverFiles
{
    /// <summary>Deletes the entries of <paramref name="dir"/> named <paramref name="prefix"/> + PID (+ anything) of a dead process.</summary>
    public static void Sweep(string dir, string prefix, Func<string, int?> pidOf)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(dir, prefix + "*"))
        {
            if (pidOf(Path.GetFileName(entry)[prefix.Length..]) is { } pid && pid != Environment.ProcessId && !IsRunning(pid))
            {
                Delete(entry);
            }
        }
    }

    /// <summary>The number before the first <c>-</c> (or the whole rest), if it is one.</summary>
    public static int? LeadingPid(string rest)
    {
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        return int.TryParse(dash < 0 ? rest : rest[..dash], out var pid) ? pid : null;
    }

    public static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Best effort: a leftover that cannot be removed now is tried again next time.</summary>
    public static void Delete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
