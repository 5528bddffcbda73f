using System.Data.Common;

namespace DuckMart.Segments;

/// <summary>
/// The user IDs of one segment query, read in batches straight from the ADO.NET reader with
/// <see cref="DbDataReader.GetInt64(int)"/>: no per-row mapping, no per-row await (linq2db's async enumerator
/// cost about 250 ns a row, more than DuckDB itself for a large segment).
/// <para>
/// The query has run when the reader exists (DuckDB.NET materialises results unless asked to stream), so
/// reading is synchronous and cheap; the token is still checked between batches so that a client that went
/// away stops the reading. <see cref="Count"/> is the size of the whole segment: known from the start for a
/// page (the query counts it alongside), and once the last ID has been read when every ID is read.
/// </para>
/// </summary>
public sealed class UserIdReader : IAsyncDisposable, IDisposable
{
    private readonly DbDataReader _reader;
    private readonly IAsyncDisposable? _owner;
    private bool _pending;
    private bool _done;
    private bool _disposed;

    /// <summary>
    /// Reads column 0 (BIGINT user IDs, ascending). With <paramref name="countColumn"/>, column 1 of every row
    /// is the whole segment's size, and a single row with a NULL ID means an empty page of a non-empty segment.
    /// </summary>
    public UserIdReader(DbDataReader reader, bool countColumn, IAsyncDisposable? owner = null)
    {
        _reader = reader;
        _owner = owner;
        if (!countColumn)
        {
            return;
        }

        if (!reader.Read())
        {
            Count = 0;
            _done = true;
        }
        else
        {
            Count = reader.GetInt64(1);
            _pending = !reader.IsDBNull(0);
            _done = !_pending;
        }
    }

    /// <summary>The size of the whole segment (whatever the page); null until known.</summary>
    public long? Count { get; private set; }

    /// <summary>How many IDs have been read so far.</summary>
    public long IdsRead { get; private set; }

    /// <summary>Fills <paramref name="buffer"/> with the next IDs in ascending order; 0 at the end.</summary>
    public int ReadBatch(Span<long> buffer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var n = 0;
        if (_done)
        {
            return 0;
        }

        if (_pending && buffer.Length > 0)
        {
            buffer[n++] = _reader.GetInt64(0);
            _pending = false;
        }

        while (n < buffer.Length)
        {
            if (!_reader.Read())
            {
                _done = true;
                Count ??= IdsRead + n;
                break;
            }

            buffer[n++] = _reader.GetInt64(0);
        }

        IdsRead += n;
        return n;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _reader.DisposeAsync().ConfigureAwait(false);
        if (_owner is not null)
        {
            await _owner.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Synchronous where the owner allows it (linq2db's reader wrapper does), so a synchronous caller never blocks on a task.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        if (_owner is not (null or IDisposable))
        {
            DisposeAsync().AsTask().GetAwaiter().GetResult();
            return;
        }

        _disposed = true;
        _reader.Dispose();
        (_owner as IDisposable)?.Dispose();
    }
}
