namespace DuckMart.Data;

/// <summary>A value written into DuckDB SQL where a parameter cannot go (SET statements, read_parquet paths).</summary>
internal static class SqlText
{
    /// <summary>A single-quoted string literal: the whole value stays data, never SQL.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
