namespace DuckMart.Bench;

/// <summary>The checkout the bench runs in: relative paths (bench/data, docs/…) are taken from it, whatever the working directory.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DuckMart.OData.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("run the bench from inside the repository (DuckMart.OData.sln not found)");
    }
}
