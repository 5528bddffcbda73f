using CsvHelper;

namespace DuckMart.Data.Ingest;

/// <summary>
/// Writes rejected rows: <c>line</c>, <c>reason</c>, then the row's original fields under the original
/// header. Cells that start like a spreadsheet formula (<c>= + - @</c>) get a leading quote, since
/// people open these files in Excel and the rows are, by definition, untrusted input.
/// </summary>
public sealed class RejectsWriter : IDisposable
{
    private readonly CsvWriter _writer;

    public RejectsWriter(string path, IReadOnlyList<string> originalHeader)
    {
        _writer = CsvWriter.ToFile(path, new CsvWriterOptions
        {
            Injection = CsvInjection.Escape,
            NewLine = "\n",
            // A rejected row may have more or fewer fields than its header: keep them all.
            ValidateFieldCount = false,
        });
        _writer.WriteField("line");
        _writer.WriteField("reason");
        foreach (var name in originalHeader)
        {
            _writer.WriteField(name);
        }

        _writer.EndRecord();
    }

    public long Count { get; private set; }

    public void Write(CsvInput input, string reason)
    {
        _writer.WriteField(input.Line);
        _writer.WriteField(reason);
        var reader = input.Reader;
        for (var i = 0; i < reader.FieldCount; i++)
        {
            _writer.WriteField(reader.GetString(i));
        }

        _writer.EndRecord();
        Count++;
    }

    public void Dispose() => _writer.Dispose();
}
