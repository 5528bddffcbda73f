namespace DuckMart.Data.Ingest;

/// <summary>Reads events.csv row by row, applying the event rules against the users already loaded.</summary>
public sealed class EventCsvReader(CsvInput input, IReadOnlySet<long> users)
{
    private const int Id = 0, Name = 1, Timestamp = 2;

    private readonly EventNameNormaliser _names = new();

    public CsvInput Input => input;

    public bool Read() => input.Reader.Read();

    public string? Parse(out long userId, out string eventName, out DateTime timestamp)
    {
        eventName = "";
        timestamp = default;
        var idField = FieldParser.Trim(input.Field(Id));
        if (idField.IsEmpty)
        {
            userId = 0;
            return RejectReasons.UserIdMissing;
        }

        if (!FieldParser.TryInteger(idField, out userId))
        {
            return RejectReasons.UserIdNotInteger;
        }

        var name = _names.Normalise(input.Field(Name));
        if (name is null)
        {
            return RejectReasons.EventNameEmpty;
        }

        var tsField = FieldParser.Trim(input.Field(Timestamp));
        if (tsField.IsEmpty)
        {
            return RejectReasons.TimestampMissing;
        }

        if (!FieldParser.TryTimestamp(tsField, out timestamp))
        {
            return RejectReasons.TimestampInvalid;
        }

        if (!users.Contains(userId))
        {
            return RejectReasons.UnknownUser;
        }

        eventName = name;
        return null;
    }
}
