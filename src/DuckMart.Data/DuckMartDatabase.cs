namespace DuckMart.Data;

/// <summary>
/// The published database a server reads from. Hands out one <see cref="DuckMartDb"/> per unit of work,
/// opened read-only so that several processes can read the same file while a load builds the next one.
/// </summary>
public sealed class DuckMartDatabase(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public DuckMartDb Open() => new($"Data Source={Path};ACCESS_MODE=READ_ONLY");
}
