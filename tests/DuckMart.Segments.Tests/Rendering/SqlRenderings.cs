using System.Runtime.CompilerServices;

namespace DuckMart.Segments.Tests.Rendering;

/// <summary>Counts linq2db's SQL renderings on this async flow only (tests run in parallel).</summary>
internal static class SqlRenderings
{
    private static readonly AsyncLocal<StrongBox<int>?> Counter = new();

    static SqlRenderings() => LinqToDB.Metrics.ActivityService.AddFactory(id =>
    {
        if (id == LinqToDB.Metrics.ActivityID.BuildSql && Counter.Value is { } counter)
        {
            counter.Value++;
        }

        return null!;
    });

    public static (T Result, int Renderings) Count<T>(Func<T> action)
    {
        var counter = new StrongBox<int>();
        Counter.Value = counter;
        try
        {
            return (action(), counter.Value);
        }
        finally
        {
            Counter.Value = null;
        }
    }
}
