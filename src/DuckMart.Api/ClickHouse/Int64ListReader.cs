using System.Collections;
using System.Data.Common;

namespace DuckMart.Api.ClickHouse;

/// <summary>
/// IDs already read from ClickHouse, shaped as the reader <see cref="DuckMart.Segments.UserIdReader"/> takes:
/// column 0 the ID; with a <c>total</c>, column 1 the whole segment's size on every row, and one row with a NULL
/// ID for an empty page (as the DuckDB page query answers). Only what UserIdReader reads is implemented.
/// </summary>
internal sealed class Int64ListReader(List<long> ids, long? total) : DbDataReader
{
    private int _row = -1;

    private bool EmptyPage => total is not null && ids.Count == 0;

    public override bool Read() => ++_row < (EmptyPage ? 1 : ids.Count);

    public override long GetInt64(int ordinal) => ordinal == 0 ? ids[_row] : total ?? throw new IndexOutOfRangeException();

    public override bool IsDBNull(int ordinal) => ordinal == 0 && EmptyPage;

    public override object GetValue(int ordinal) => IsDBNull(ordinal) ? DBNull.Value : GetInt64(ordinal);

    public override int FieldCount => total is null ? 1 : 2;

    public override bool HasRows => ids.Count > 0 || EmptyPage;

    public override bool IsClosed => false;

    public override int RecordsAffected => -1;

    public override int Depth => 0;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override string GetName(int ordinal) => ordinal == 0 ? "user_id" : "total";

    public override int GetOrdinal(string name) => name == "user_id" ? 0 : 1;

    public override Type GetFieldType(int ordinal) => typeof(long);

    public override string GetDataTypeName(int ordinal) => "Int64";

    public override bool NextResult() => false;

    public override IEnumerator GetEnumerator() => throw new NotSupportedException();

    public override bool GetBoolean(int ordinal) => throw new NotSupportedException();

    public override byte GetByte(int ordinal) => throw new NotSupportedException();

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();

    public override char GetChar(int ordinal) => throw new NotSupportedException();

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();

    public override DateTime GetDateTime(int ordinal) => throw new NotSupportedException();

    public override decimal GetDecimal(int ordinal) => throw new NotSupportedException();

    public override double GetDouble(int ordinal) => throw new NotSupportedException();

    public override float GetFloat(int ordinal) => throw new NotSupportedException();

    public override Guid GetGuid(int ordinal) => throw new NotSupportedException();

    public override short GetInt16(int ordinal) => throw new NotSupportedException();

    public override int GetInt32(int ordinal) => throw new NotSupportedException();

    public override string GetString(int ordinal) => throw new NotSupportedException();

    public override int GetValues(object[] values) => throw new NotSupportedException();
}
