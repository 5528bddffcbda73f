using System.Diagnostics;
using DuckMart.Data.Publishing;

namespace DuckMart.Data;

/// <summary>
/// The published database a server reads from. Hands out one <see cref="DuckMartDb"/> per unit of work,
/// opened read-only so that several processes can read the same file while a load builds the next one.
/// </summary>
/// <remarks>
/// A load publishes by renaming a new file over <see cref="Path"/>. At most every
/// <see cref="CheckInterval"/>, <see cref="Open"/> stats the path; when it changed, new connections go
/// to the new file and connections already open finish on the old one. DuckDB.NET keeps one database
/// instance per path while connections to it are open, so the same path would keep serving the old
/// file: each version is therefore opened through its own hard link (<c>FILE.v…</c>), which is removed
/// once its last connection closes and a newer version is current.
/// </remarks>
public sealed class DuckMartDatabase(string path) : IDisposable
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(200);

    private readonly Lock _lock = new();
    private readonly List<DatabaseVersion> _retired = [];
    private DatabaseVersion? _current;
    private long _lastCheck = long.MinValue;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public DuckMartDb Open()
    {
        var version = Acquire();
        if (version is null)
        {
            // Nothing published yet (or links unsupported): let DuckDB report what is wrong with the path.
            return new DuckMartDb($"Data Source={Path};ACCESS_MODE=READ_ONLY");
        }

        DuckMartDb db;
        try
        {
            db = new DuckMartDb($"Data Source={version.LinkPath};ACCESS_MODE=READ_ONLY", () => Release(version));
        }
        catch
        {
            Release(version);
            throw;
        }

        try
        {
            // Served data is locked down once per database instance: no file or network access from a query,
            // no extensions, a memory limit and a spill directory (ServingSettings says why for each).
            // Once per version: its instance stays open (KeepWarm), so the check need not run on every request.
            if (!version.SettingsApplied)
            {
                ServingSettings.Apply(db.OpenDbConnection());
                version.SettingsApplied = true;
            }

            KeepWarm(version);
            return db;
        }
        catch
        {
            db.Dispose(); // releases the version through the close callback
            throw;
        }
    }

    /// <summary>
    /// Keeps the version's DuckDB instance open between requests. DuckDB.NET closes an instance with its last
    /// connection, so a server answering one request at a time re-opened the file for every request and lost
    /// DuckDB's buffer cache each time: about 20 ms more for a count over HTTP than in process (docs/performance.md,
    /// 1M users), and every query read cold data. The anchor is closed when the version is retired.
    /// </summary>
    private void KeepWarm(DatabaseVersion version)
    {
        lock (_lock)
        {
            if (version.Anchor is not null || version != _current)
            {
                return;
            }

            var anchor = new DuckDB.NET.Data.DuckDBConnection($"Data Source={version.LinkPath};ACCESS_MODE=READ_ONLY");
            anchor.Open();
            version.Anchor = anchor;
        }
    }

    /// <summary>Closes the connections kept open to keep versions warm (the server's shutdown; tests).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var version in _retired.Append(_current))
            {
                version?.Anchor?.Dispose();
                version?.Anchor = null;
                version?.SettingsApplied = false; // a later Open may start a new instance
            }
        }
    }

    private DatabaseVersion? Acquire()
    {
        lock (_lock)
        {
            var now = Stopwatch.GetTimestamp();
            if (_current is null || Stopwatch.GetElapsedTime(_lastCheck, now) >= CheckInterval)
            {
                _lastCheck = now;
                Refresh();
            }

            if (_current is null)
            {
                return null;
            }

            _current.Leases++;
            return _current;
        }
    }

    private void Refresh()
    {
        var stamp = FileStamp.Of(Path);
        if (stamp is null || stamp == _current?.Stamp)
        {
            return;
        }

        var link = DatabaseVersion.Link(Path, stamp.Value);
        if (link is null)
        {
            return;
        }

        if (_current is not null)
        {
            _retired.Add(_current);
        }

        _current = link;
        SweepRetired();
    }

    private void Release(DatabaseVersion version)
    {
        lock (_lock)
        {
            version.Leases--;
            SweepRetired();
        }
    }

    private void SweepRetired()
    {
        for (var i = _retired.Count - 1; i >= 0; i--)
        {
            if (_retired[i].Leases == 0)
            {
                _retired[i].Delete();
                _retired.RemoveAt(i);
            }
        }
    }
}
