using Parquet;
using Parquet.Schema;

namespace DuckMart.Data.Ingest;

/// <summary>Streams accepted users into users.parquet in row groups of bounded size, so memory does not grow with the file.</summary>
public sealed class UserParquetWriter : IAsyncDisposable
{
    public const int RowGroupSize = 131_072;

    private static readonly DataField<long> IdField = new("user_id", false);
    private static readonly DataField<string> NameField = new("name", true);
    private static readonly DataField<int?> AgeField = new("age");
    private static readonly DataField<string> GenderField = new("gender", true);
    private static readonly DataField<string> LocationField = new("location", true);
    private static readonly DataField<DateOnly?> SignupField = new("signup_date");
    private static readonly DataField<string> PlanField = new("subscription_plan", true);
    private static readonly DataField<string> DeviceField = new("device_type", true);

    private readonly Stream _stream;
    private readonly ParquetWriter _writer;
    private readonly long[] _ids = new long[RowGroupSize];
    private readonly string?[] _names = new string?[RowGroupSize];
    private readonly int?[] _ages = new int?[RowGroupSize];
    private readonly string?[] _genders = new string?[RowGroupSize];
    private readonly string?[] _locations = new string?[RowGroupSize];
    private readonly DateOnly?[] _signups = new DateOnly?[RowGroupSize];
    private readonly string?[] _plans = new string?[RowGroupSize];
    private readonly string?[] _devices = new string?[RowGroupSize];
    private int _count;

    private UserParquetWriter(Stream stream, ParquetWriter writer)
    {
        _stream = stream;
        _writer = writer;
    }

    public long Written { get; private set; }

    public static async Task<UserParquetWriter> CreateAsync(string path, CancellationToken ct)
    {
        var stream = File.Create(path);
        var schema = new ParquetSchema(IdField, NameField, AgeField, GenderField, LocationField, SignupField, PlanField, DeviceField);
        var writer = await ParquetWriter.CreateAsync(schema, stream, ParquetCompression.Options, cancellationToken: ct);
        return new UserParquetWriter(stream, writer);
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
            await group.WriteAsync(IdField, new ReadOnlyMemory<long>(_ids, 0, _count), cancellationToken: ct);
            await group.WriteAsync(NameField, new ArraySegment<string>(_names!, 0, _count));
            await group.WriteAsync(AgeField, new ReadOnlyMemory<int?>(_ages, 0, _count), cancellationToken: ct);
            await group.WriteAsync(GenderField, new ArraySegment<string>(_genders!, 0, _count));
            await group.WriteAsync(LocationField, new ArraySegment<string>(_locations!, 0, _count));
            await group.WriteAsync(SignupField, new ReadOnlyMemory<DateOnly?>(_signups, 0, _count), cancellationToken: ct);
            await group.WriteAsync(PlanField, new ArraySegment<string>(_plans!, 0, _count));
            await group.WriteAsync(DeviceField, new ArraySegment<string>(_devices!, 0, _count));
        }

        Written += _count;
        _count = 0;
    }
}
