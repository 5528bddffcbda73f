namespace DuckMart.Bench;

/// <summary>
/// Picks the hand-written baseline: every shape written for a segment (the main file and its alternatives)
/// runs a few times, and the fastest one that returns the main file's IDs becomes (a). Which shape wins can
/// change with data size and machine, so the choice is made in each run and reported, not assumed.
/// A shape that disagrees with the main file is a bug in the hand SQL and is flagged as a mismatch.
/// </summary>
public static class ShapeTrial
{
    public static async Task<SqlShape> PickAsync(HandSql runner, string database, SqlShape main, IReadOnlyList<SqlShape> alternatives, SegmentResult result, List<ShapeResult> into, CancellationToken cancellationToken)
    {
        if (alternatives.Count == 0)
        {
            return main;
        }

        IdSet? reference = null;
        foreach (var shape in alternatives.Prepend(main))
        {
            var measured = await runner.MeasureAlternativeAsync(shape.Sql, cancellationToken);
            reference ??= measured.Result;
            var mismatch = measured.Result is null || reference is null || ReferenceEquals(measured.Result, reference) ? null : measured.Result.Difference(reference);
            if (mismatch is not null)
            {
                result.Flag($"{database} shape {shape.Name} vs main shape", mismatch);
            }

            into.Add(new ShapeResult(shape.Name, ReferenceEquals(shape, main), measured, mismatch));
            Console.Error.WriteLine($"  {result.Name,-32} {database,-10} {shape.Name,-22} {Fmt(measured.Latency?.P50)} {measured.Error}");
        }

        var winner = into
            .Where(s => s.Measurement.Latency is not null && s.Mismatch is null)
            .MinBy(s => s.Measurement.Latency!.P50);
        if (winner is null)
        {
            return main;
        }

        winner.Won = true;
        return winner.IsMain ? main : alternatives.First(a => a.Name == winner.Shape);
    }

    private static string Fmt(double? ms) => ms is null ? "-" : $"{ms:F1} ms";
}
