using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace DuckMart.Segments.Tests.Baselines;

/// <summary>
/// Reviewed SQL kept as files beside the tests (EF Core's SQL assertion baselines, linq2db's BaselinesWriter):
/// a missing or different file fails the test, unless UPDATE_BASELINES=1, which rewrites it for review in the diff.
/// </summary>
public static class SqlBaselines
{
    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1";

    public static string Render(string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            text.Append(CultureInfo.InvariantCulture, $"-- ${name} = {Format(value)}\n");
        }

        return text.Append('\n').Append(sql.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd()).Append('\n').ToString();
    }

    /// <summary>Compares with (or, when updating, writes) Baselines/<paramref name="name"/>.sql (or another extension) in the source tree.</summary>
    public static void Verify(string name, string actual, string extension = ".sql", [CallerFilePath] string here = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(here)!, name + extension);
        if (Updating)
        {
            File.WriteAllText(path, actual);
            return;
        }

        File.Exists(path).Should().BeTrue($"the baseline {path} should exist (run with UPDATE_BASELINES=1 to write it, then review the diff)");
        actual.Should().Be(File.ReadAllText(path), $"the text should match the reviewed baseline {name}{extension} (UPDATE_BASELINES=1 rewrites it)");
    }

    private static string Format(object? value) => value switch
    {
        null => "NULL",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Format)) + "]",
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
