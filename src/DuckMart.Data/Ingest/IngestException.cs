namespace DuckMart.Data.Ingest;

/// <summary>
/// Input that cannot be ingested at all (missing file, missing required column, not a CSV), as
/// opposed to a bad row, which is rejected and reported. The message is one line meant for the user.
/// </summary>
public sealed class IngestException(string message, Exception? inner = null) : Exception(message, inner);
