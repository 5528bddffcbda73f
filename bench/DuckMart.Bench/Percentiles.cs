namespace DuckMart.Bench;

/// <summary>Latency summary of one measurement, in milliseconds. Nearest-rank percentiles: no interpolation between samples.</summary>
public sealed record Percentiles(int N, double Min, double P50, double P95, double P99, double Max, double Mean)
{
    public static Percentiles Of(IReadOnlyCollection<double> samplesMs)
    {
        if (samplesMs.Count == 0)
        {
            return new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = samplesMs.Order().ToArray();
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(sorted.Length, sorted[0], Rank(0.50), Rank(0.95), Rank(0.99), sorted[^1], sorted.Average());
    }
}
