using Parquet;
using Parquet.Schema;

namespace DuckMart.Data.Ingest;

/// <summary>Streams accepted users into users.parquet in row groups of bounded size, so memory does not grow with the file.</summary>
public sealed class UserParquetWriter : IAsyncDisposable
{
    public const int RowGroupSize = 131_072;

    // Fields are made per file, never shared (see EventParquetWriter: Parquet.Net sets a field's path and
    // levels when a schema is built from it).
    private readonly DataField<long> _idField = new("user_id", false);
    private readonly DataField<string> _nameField = new("name", true);
    private readonly DataField<int?> _ageField = new("age");
    private readonly DataField<string> _genderField = new("gender", true);
    private readonly DataField<string> _locationField = new("location", true);
    private readonly DataField<DateOnly?> _signupField = new("signup_date");
    private readonly DataField<string> _planField = new("subscription_plan", true);
    private readonly DataField<string> _deviceField = new("device_type", true);

    private readonly Stream _stream;
    private ParquetWriter _writer = null!;
    private readonly long[] _ids = new long[RowGroupSize];
    private readonly string?[] _names = new string?[RowGroupSize];
    private readonly int?[] _ages = new int?[RowGroupSize];
    private readonly string?[] _genders = new string?[RowGroupSize];
    private readonly string?[] _locations = new string?[RowGroupSize];
    private readonly DateOnly?[] _signups = new DateOnly?[RowGroupSize];
    private readonly string?[] _plans = new string?[RowGroupSize];
    private readonly string?[] _devices = new string?[RowGroupSize];
    private int _count;

    private UserParquetWriter(Stream stream)
    {
        _stream = stream;
    }

    public long Written { get; private set; }

    public static async Task<UserParquetWriter> CreateAsync(string path, CancellationToken ct)
    {
        var stream = File.Create(path);
        var users = new UserParquetWriter(stream);
        var schema = new ParquetSchema(users._idField, users._nameField, users._ageField, users._genderField, users._locationField, users._signupField, users._planField, users._deviceField);
        users._writer = await ParquetWriter.CreateAsync(schema, stream, ParquetCompression.Options, cancellationToken: ct);
        return users;
    }

    public async ValueTask AddAsync(UserRecord user, CancellationToken ct)
    {
        _ids[_count] = user.UserId;
        _names[_count] = user.Name;
        _ages[_count] = user.Age;
        _genders[_count] = user.Gender;
        _locations[_count] = user.Location;
        _signups[_count] = user.SignupDate;
        _plans[_count] = user.SubscriptionPlan;
        _devices[_count] = user.DeviceType;
        if (++_count == RowGroupSize)
        {
            await FlushAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await FlushAsync(CancellationToken.None);
        await _writer.DisposeAsync();
        await _stream.DisposeAsync();
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        if (_count == 0)
        {
            return;
        }

        using (var group = _writer.CreateRowGroup())
        {
            await group.WriteAsync(_idField, new ReadOnlyMemory<long>(_ids, 0, _count), cancellationToken: ct);
            await group.WriteAsync(_nameField, new ArraySegment<string>(_names!, 0, _count));
            await group.WriteAsync(_ageField, new ReadOnlyMemory<int?>(_ages, 0, _count), cancellationToken: ct);
            await group.WriteAsync(_genderField, new ArraySegment<string>(_genders!, 0, _count));
            await group.WriteAsync(_locationField, new ArraySegment<string>(_locations!, 0, _count));
            await group.WriteAsync(_signupField, new ReadOnlyMemory<DateOnly?>(_signups, 0, _count), cancellationToken: ct);
            await group.WriteAsync(_planField, new ArraySegment<string>(_plans!, 0, _count));
            await group.WriteAsync(_deviceField, new ArraySegment<string>(_devices!, 0, _count));
        }

        Written += _count;
        _count = 0;
    }
}
