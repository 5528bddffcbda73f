using Parquet;

namespace DuckMart.Data.Ingest;

/// <summary>
/// The Parquet files are a hand-over between transform and load, read once: fast Snappy at its
/// fastest level beats a smaller file (the library's default level is the smallest size).
/// </summary>
internal static class ParquetCompression
{
    public static ParquetOptions Options => new()
    {
        CompressionMethod = CompressionMethod.Snappy,
        CompressionLevel = System.IO.Compression.CompressionLevel.Fastest,
    };
}
