using System.Collections.Concurrent;
using System.Text.Json;
using DuckMart.Segments.Spec;

namespace DuckMart.Segments.Saved;

/// <summary>
/// The saved segments: one JSON file beside the database (a reload publishes a new database file and leaves
/// this one alone). Every change rewrites the whole file atomically, under a lock that also holds other
/// processes off (serve and segment on the same database): write a temporary file, flush it to disk, rename
/// it over the old one. A crash mid-write leaves the previous file, so at most the write in flight is lost.
/// Readers work from an in-memory snapshot and pick up another process's change on their next call.
/// Persistence the API (serve) and the CLI (segment) share, so it lives here, not in either of them.
/// </summary>
public sealed class SavedSegmentStore : ISavedSegments
{
    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    private readonly object gate = new();
    private readonly ConcurrentDictionary<string, (SavedSegment Source, Condition? Where)> parsed = new(StringComparer.Ordinal);
    private readonly SpecLimits limits;
    private Snapshot snapshot = Snapshot.Empty;

    public SavedSegmentStore(string path, SpecLimits? limits = null)
    {
        FilePath = Path.GetFullPath(path);
        this.limits = limits ?? SpecLimits.Default;
        Refresh();
    }

    public string FilePath { get; }

    public IReadOnlyList<SavedSegment> List() => Current().Segments.Values.ToList();

    public SavedSegment? Get(string id) => Current().Segments.GetValueOrDefault(id);

    /// <summary>
    /// Saves <paramref name="id"/> with what <paramref name="validate"/> returns. Validation runs inside the lock,
    /// against the store as it is then, so two concurrent saves cannot together close a reference cycle.
    /// </summary>
    /// <returns>True when the id is new, false when an existing definition was replaced.</returns>
    public bool Save(string id, Func<ISavedSegments, SavedSegment> validate)
    {
        lock (gate)
        {
            using var fileLock = AcquireFileLock();
            Refresh();
            var given = validate(this);
            var segment = given with { Id = id, Where = Normalize(given.Where) };
            var segments = new SortedDictionary<string, SavedSegment>(snapshot.Segments, StringComparer.Ordinal);
            var created = !segments.ContainsKey(id);
            segments[id] = segment;
            Write(segments);
            return created;
        }
    }

    public DeleteOutcome Delete(string id)
    {
        lock (gate)
        {
            using var fileLock = AcquireFileLock();
            Refresh();
            if (!snapshot.Segments.ContainsKey(id))
            {
                return new DeleteOutcome(false, []);
            }

            var referrers = snapshot.ReferredToBy(id);
            if (referrers.Count > 0)
            {
                return new DeleteOutcome(true, referrers);
            }

            var segments = new SortedDictionary<string, SavedSegment>(snapshot.Segments, StringComparer.Ordinal);
            segments.Remove(id);
            Write(segments);
            return new DeleteOutcome(true, []);
        }
    }

    /// <summary>
    /// The condition of a saved segment, read from its stored JSON the first time it is asked for (its own
    /// references are resolved through this store again). A definition that no longer reads, or one whose references
    /// the graph will not follow (<see cref="Snapshot.Unfollowable"/>: a cycle or a chain too deep put into the file by
    /// hand, found once per snapshot), counts as unknown rather than crashing the server; without those the recursion
    /// through this store ends, at most <see cref="SavedSegmentGraph.MaxChain"/> deep.
    /// </summary>
    public bool TryGet(string id, out Condition where)
    {
        where = null!;
        var current = Current();
        if (!current.Segments.TryGetValue(id, out var segment) || current.Unfollowable.Contains(id))
        {
            return false;
        }

        if (parsed.TryGetValue(id, out var cached) && ReferenceEquals(cached.Source, segment))
        {
            where = cached.Where!;
            return cached.Where is not null;
        }

        Condition? condition;
        try
        {
            condition = SegmentSpecReader.ReadCondition(JsonSerializer.SerializeToUtf8Bytes(segment.Where), this, limits);
        }
        catch (SegmentException)
        {
            condition = null;
        }

        parsed[id] = (segment, condition);
        where = condition!;
        return condition is not null;
    }

    /// <summary>The same JSON without insignificant whitespace: what GET returns, whatever the file's layout.</summary>
    public static JsonElement Normalize(JsonElement where) => JsonSerializer.SerializeToElement(where);

    private Snapshot Current()
    {
        if (!snapshot.Matches(FilePath))
        {
            lock (gate)
            {
                Refresh();
            }
        }

        return snapshot;
    }

    /// <summary>Reloads the file if it changed since it was last read (another process saved, or this is the first read).</summary>
    private void Refresh()
    {
        if (snapshot.Matches(FilePath))
        {
            return;
        }

        var stamp = FileStamp.Of(FilePath);
        if (stamp is null)
        {
            snapshot = Snapshot.Empty;
            return;
        }

        StoreFile? file;
        try
        {
            file = JsonSerializer.Deserialize<StoreFile>(File.ReadAllBytes(FilePath), FileJson);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The saved segments file {FilePath} is not valid JSON: {e.Message}", e);
        }

        var segments = new SortedDictionary<string, SavedSegment>(StringComparer.Ordinal);
        foreach (var s in file?.Segments ?? [])
        {
            segments[s.Id] = s with { Where = Normalize(s.Where) };
        }

        snapshot = new Snapshot(segments, stamp);
    }

    private void Write(SortedDictionary<string, SavedSegment> segments)
    {
        var temp = $"{FilePath}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, new StoreFile(1, segments.Values.ToList()), FileJson);
                // On disk before the rename: otherwise a crash could leave the new name pointing at empty blocks.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, FilePath, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        snapshot = new Snapshot(segments, FileStamp.Of(FilePath));
    }

    /// <summary>
    /// A lock file held open exclusively: the OS releases it if the process dies, so no stale lock outlives a crash.
    /// The file itself stays: deleting it would let two writers lock two different files.
    /// </summary>
    private FileStream AcquireFileLock()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var until = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(FilePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < until)
            {
                Thread.Sleep(20);
            }
        }
    }

    public sealed record DeleteOutcome(bool Found, IReadOnlyList<string> ReferencedBy);

    private sealed record StoreFile(int Version, List<SavedSegment> Segments);

    private sealed record FileStamp(DateTime LastWriteUtc, long Length)
    {
        public static FileStamp? Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(info.LastWriteTimeUtc, info.Length) : null;
        }
    }

    private sealed record Snapshot(SortedDictionary<string, SavedSegment> Segments, FileStamp? Stamp)
    {
        public static readonly Snapshot Empty = new(new SortedDictionary<string, SavedSegment>(StringComparer.Ordinal), null);

        /// <summary>
        /// Each stored condition read once per snapshot for its shape alone (no checks, no references followed), which is
        /// all the reference graph needs; a definition that no longer reads even so names no one.
        /// </summary>
        private readonly Dictionary<string, Condition> shapes = ReadShapes(Segments);

        /// <summary>
        /// The ids whose references the graph will not follow: into a cycle or a chain over <see cref="SavedSegmentGraph.MaxChain"/>
        /// written into the file by hand (PUT refuses both), or to an id that is not there. Reading one would recurse
        /// through this store without end (a cycle) or deep enough to overflow the stack (a long chain).
        /// </summary>
        public IReadOnlySet<string> Unfollowable => unfollowable ??= FindUnfollowable(shapes);

        private IReadOnlySet<string>? unfollowable;

        /// <summary>The ids of the other segments whose definitions name <paramref name="id"/>.</summary>
        public IReadOnlyList<string> ReferredToBy(string id) =>
            shapes.Where(s => s.Key != id && SavedSegmentGraph.ReferencesOf(s.Value).Contains(id)).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();

        public bool Matches(string path) => Equals(Stamp, FileStamp.Of(path));

        private static Dictionary<string, Condition> ReadShapes(SortedDictionary<string, SavedSegment> segments)
        {
            var shapes = new Dictionary<string, Condition>(StringComparer.Ordinal);
            foreach (var (id, segment) in segments)
            {
                try
                {
                    if (segment.Where.Deserialize<Condition>(SegmentJson.Options) is { } shape)
                    {
                        shapes[id] = shape;
                    }
                }
                catch (JsonException)
                {
                    // Not even the shape of a condition (edited by hand, or too deep): TryGet answers it as unknown.
                }
            }

            return shapes;
        }

        // The file holds at most a few hundred segments, so a fresh graph per id will do: a graph remembers what it
        // found under an id as seen from the chain that reached it, and each id here must be judged from itself.
        private static HashSet<string> FindUnfollowable(Dictionary<string, Condition> shapes)
        {
            var stored = new Shapes(shapes);
            return shapes.Keys.Where(id =>
            {
                new SavedSegmentGraph(stored).Expanded(id, "", out var refused);
                return refused is not null;
            }).ToHashSet(StringComparer.Ordinal);
        }
    }

    /// <summary>The stored shapes as saved segments, so the one reference graph walks the file too.</summary>
    private sealed class Shapes(Dictionary<string, Condition> shapes) : ISavedSegments
    {
        public bool TryGet(string id, out Condition where) => shapes.TryGetValue(id, out where!);
    }
}
