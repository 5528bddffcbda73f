namespace DuckMart.Data.Ingest;

/// <summary>Reads users.csv row by row, applying the user rules; a row either becomes a <see cref="UserRecord"/> or gets a reject reason.</summary>
public sealed class UserCsvReader(CsvInput input)
{
    // Positions in CsvColumns.Users.
    private const int Id = 0, Name = 1, Age = 2, Gender = 3, Location = 4, Signup = 5, Plan = 6, Device = 7;

    private readonly HashSet<long> _seen = [];

    public CsvInput Input => input;

    /// <summary>The ids of the rows accepted so far: the users an event may refer to.</summary>
    public IReadOnlySet<long> Loaded => _seen;

    public bool Read() => input.Reader.Read();

    /// <summary>Validates the current row; returns null and the record, or the reason it is rejected.</summary>
    public string? Parse(out UserRecord record)
    {
        record = default;
        var idField = FieldParser.Trim(input.Field(Id));
        if (idField.IsEmpty)
        {
            return RejectReasons.UserIdMissing;
        }

        if (!FieldParser.TryInteger(idField, out var id))
        {
            return RejectReasons.UserIdNotInteger;
        }

        int? age = null;
        var ageField = FieldParser.Trim(input.Field(Age));
        if (!ageField.IsEmpty)
        {
            if (!FieldParser.TryInteger(ageField, out var value))
            {
                return RejectReasons.AgeNotInteger;
            }

            if (value is < 0 or > 150)
            {
                return RejectReasons.AgeOutOfRange;
            }

            age = (int)value;
        }

        DateOnly? signup = null;
        var signupField = FieldParser.Trim(input.Field(Signup));
        if (!signupField.IsEmpty)
        {
            if (!FieldParser.TryDate(signupField, out var date))
            {
                return RejectReasons.SignupDateInvalid;
            }

            signup = date;
        }

        // Last, so that a rejected row does not claim its id: the first valid row with an id wins.
        if (!_seen.Add(id))
        {
            return RejectReasons.DuplicateUserId;
        }

        record = new UserRecord(
            id,
            FieldParser.Text(input.Field(Name)),
            age,
            FieldParser.Text(input.Field(Gender)),
            FieldParser.Text(input.Field(Location)),
            signup,
            FieldParser.Text(input.Field(Plan)),
            FieldParser.Text(input.Field(Device)));
        return null;
    }
}
