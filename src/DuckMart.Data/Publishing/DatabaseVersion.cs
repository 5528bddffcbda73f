using System.Runtime.InteropServices;

namespace DuckMart.Data.Publishing;

/// <summary>One published file as a server reads it: a hard link of its own, and how many connections use it.</summary>
internal sealed partial class DatabaseVersion
{
    private static long _counter;

    private DatabaseVersion(string linkPath, FileStamp stamp)
    {
        LinkPath = linkPath;
        Stamp = stamp;
    }

    public string LinkPath { get; }

    public FileStamp Stamp { get; }

    /// <summary>Open connections; guarded by the owner's lock.</summary>
    public int Leases { get; set; }

    /// <summary>ServingSettings ran on this version's instance (idempotent, so a race of two first opens is harmless).</summary>
    public bool SettingsApplied { get; set; }

    /// <summary>A connection held open so DuckDB keeps this version's instance (and its cache) between requests.</summary>
    public IDisposable? Anchor { get; set; }

    /// <summary>Hard-links <paramref name="path"/> to a name unique to this process and version.</summary>
    public static DatabaseVersion? Link(string path, FileStamp stamp)
    {
        SweepOrphans(path);
        var linkPath = $"{path}.v{stamp}-{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}";
        if (link(path, linkPath) != 0)
        {
            // A file system without hard links: serve the path itself (a reload then needs a restart).
            return null;
        }

        // The file may have been replaced between the stat and the link: the link holds whatever it got.
        return new DatabaseVersion(linkPath, FileStamp.Of(linkPath) ?? stamp);
    }

    public void Delete()
    {
        Anchor?.Dispose();
        Anchor = null;
        TryDelete(LinkPath);
        TryDelete(LinkPath + ".wal");
    }

    /// <summary>Links left by a process that died (its pid is in the name and no longer runs).</summary>
    private static void SweepOrphans(string path) =>
        LeftoverFiles.Sweep(System.IO.Path.GetDirectoryName(path)!, System.IO.Path.GetFileName(path) + ".v", rest =>
        {
            var parts = rest.Split('-');
            return parts.Length == 3 && int.TryParse(parts[1], out var pid) ? pid : null;
        });

    private static void TryDelete(string file) => LeftoverFiles.Delete(file);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link(string oldPath, string newPath);
}
