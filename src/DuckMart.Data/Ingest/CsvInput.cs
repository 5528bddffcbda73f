using CsvHelper;

namespace DuckMart.Data.Ingest;

/// <summary>
/// One input CSV opened for ingest: UTF-8, RFC 4180, comma separated, header resolved to the required
/// columns. CsvHelper 34 hands out fields as UTF-8 spans, which is what keeps the event loop cheap
/// (see docs/ingest.md for the reader measurements).
/// </summary>
public sealed class CsvInput : IDisposable
{
    private CsvInput(string fileName, CsvReader reader, IReadOnlyList<string> header, int[] columns)
    {
        FileName = fileName;
        Reader = reader;
        Header = header;
        Columns = columns;
    }

    public string FileName { get; }

    public CsvReader Reader { get; }

    /// <summary>The header as written in the file, for the rejects file.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Index in the record of each required column, in the order of <see cref="CsvColumns"/>.</summary>
    public int[] Columns { get; }

    /// <summary>The 1-based line where the current record starts (the header is line 1).</summary>
    public long Line => Reader.LineNumber;

    /// <exception cref="IngestException">The file cannot be read or lacks a required column.</exception>
    public static CsvInput Open(string path, IReadOnlyList<string> required)
    {
        var fileName = Path.GetFileName(path);
        if (Directory.Exists(path))
        {
            throw new IngestException($"{path}: is a directory, expected a CSV file");
        }

        if (!File.Exists(path))
        {
            throw new IngestException($"{path}: file not found");
        }

        CsvReader? reader = null;
        try
        {
            reader = CsvReader.FromFile(path, new CsvReaderOptions
            {
                Separator = ',',
                HasHeader = true,
                TrackLineNumbers = true,
                // We trim ourselves (spaces and tabs), after quotes are removed, as the contract says.
                TrimWhitespace = false,
                // One unbalanced quote must not swallow the rest of a huge file into one record.
                MaxRecordSize = 1 << 20,
            });
            var header = reader.Headers.ToArray();
            if (header.Any(h => h.Contains('\0', StringComparison.Ordinal)))
            {
                throw new IngestException($"{fileName}: not a CSV file (binary content in the header)");
            }

            var columns = HeaderMap.Resolve(fileName, header, required);
            return new CsvInput(fileName, reader, header, columns);
        }
        catch (CsvFormatException ex)
        {
            reader?.Dispose();
            throw new IngestException($"{fileName}: not a readable CSV file ({ex.Message})", ex);
        }
        catch
        {
            reader?.Dispose();
            throw;
        }
    }

    public ReadOnlySpan<byte> Field(int column) => Reader.GetSpan(Columns[column]);

    public void Dispose() => Reader.Dispose();
}
