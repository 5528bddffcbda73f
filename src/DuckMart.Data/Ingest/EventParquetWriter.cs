using Parquet;
using Parquet.Schema;

namespace DuckMart.Data.Ingest;

/// <summary>
/// Streams accepted events into events.parquet. Two buffers of one row group each: while one is
/// encoded and written on the thread pool, the reader fills the other, so parsing and Parquet
/// encoding use both cores and memory stays at two row groups whatever the file size.
/// </summary>
public sealed class EventParquetWriter : IAsyncDisposable
{
    public const int RowGroupSize = 1 << 20;

    // Fields are made per file, never shared: Parquet.Net sets a field's path and levels when a schema is built
    // from it, so two files written at once from shared static fields could corrupt each other (DuckDB then
    // refused them with "Payload value bigger than allowed", seen in tests that ingest in parallel).
    private readonly DataField<long> _idField = new("user_id", false);
    private readonly DataField<string> _nameField = new("event_name", false);

    // isAdjustedToUTC: DuckDB reads it as TIMESTAMPTZ; the load converts it with TimeZone='UTC'.
    private readonly DateTimeDataField _timestampField =
        new("timestamp", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false);

    private readonly Stream _stream;
    private ParquetWriter _writer = null!;
    private Buffer _filling = new();
    private Buffer _spare = new();
    private Task _pending = Task.CompletedTask;

    private EventParquetWriter(Stream stream)
    {
        _stream = stream;
    }

    public long Written { get; private set; }

    public static async Task<EventParquetWriter> CreateAsync(string path, CancellationToken ct)
    {
        var stream = File.Create(path);
        var events = new EventParquetWriter(stream);
        var schema = new ParquetSchema(events._idField, events._nameField, events._timestampField);
        events._writer = await ParquetWriter.CreateAsync(schema, stream, ParquetCompression.Options, cancellationToken: ct);
        return events;
    }

    public async ValueTask AddAsync(long userId, string eventName, DateTime timestamp, CancellationToken ct)
    {
        var b = _filling;
        b.Ids[b.Count] = userId;
        b.Names[b.Count] = eventName;
        b.Timestamps[b.Count] = timestamp;
        if (++b.Count == RowGroupSize)
        {
            await HandOverAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await HandOverAsync(CancellationToken.None);
        await _pending;
        await _writer.DisposeAsync();
        await _stream.DisposeAsync();
    }

    private async Task HandOverAsync(CancellationToken ct)
    {
        await _pending;
        var full = _filling;
        if (full.Count == 0)
        {
            return;
        }

        (_filling, _spare) = (_spare, full);
        _filling.Count = 0;
        Written += full.Count;
        _pending = Task.Run(() => WriteAsync(full, ct), ct);
    }

    private async Task WriteAsync(Buffer b, CancellationToken ct)
    {
        using var group = _writer.CreateRowGroup();
        await group.WriteAsync(_idField, new ReadOnlyMemory<long>(b.Ids, 0, b.Count), cancellationToken: ct);
        await group.WriteAsync(_nameField, new ArraySegment<string>(b.Names, 0, b.Count));
        await group.WriteAsync(_timestampField, new ReadOnlyMemory<DateTime>(b.Timestamps, 0, b.Count), cancellationToken: ct);
    }

    private sealed class Buffer
    {
        public long[] Ids { get; } = new long[RowGroupSize];

        public string[] Names { get; } = new string[RowGroupSize];

        public DateTime[] Timestamps { get; } = new DateTime[RowGroupSize];

        public int Count { get; set; }
    }
}
