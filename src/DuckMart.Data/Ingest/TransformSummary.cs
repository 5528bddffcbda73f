using System.Text.Json;

namespace DuckMart.Data.Ingest;

/// <summary>What a transform kept and rejected; saved beside the Parquet files so that <c>load</c> can report it.</summary>
public sealed record TransformSummary(long UsersLoaded, long UsersRejected, long EventsLoaded, long EventsRejected)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The line <c>ingest</c> and <c>load</c> end with (CONTRACT.md section 1).</summary>
    public override string ToString() =>
        $"users: {UsersLoaded} loaded, {UsersRejected} rejected; events: {EventsLoaded} loaded, {EventsRejected} rejected";

    public void Save(string dir) =>
        File.WriteAllText(Path.Combine(dir, TransformedFiles.Summary), JsonSerializer.Serialize(this, Json));

    public static TransformSummary Load(string dir)
    {
        var path = Path.Combine(dir, TransformedFiles.Summary);
        if (!File.Exists(path))
        {
            throw new IngestException($"{dir}: no {TransformedFiles.Summary}; is this a directory written by 'duckmart transform'?");
        }

        return JsonSerializer.Deserialize<TransformSummary>(File.ReadAllText(path), Json)
            ?? throw new IngestException($"{path}: empty summary");
    }
}
