namespace Ragex.Bench;

/// <summary>Summary of repeated measurements: median, p95 (nearest rank), min, max.</summary>
public sealed record Distribution(double Median, double P95, double Min, double Max, int Count)
{
    public static Distribution Of(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Distribution(double.NaN, double.NaN, double.NaN, double.NaN, 0);
        }

        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        var p95 = sorted[Math.Clamp((int)Math.Ceiling(0.95 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Distribution(median, p95, sorted[0], sorted[^1], sorted.Length);
    }

    public static Distribution One(double value) => new(value, value, value, value, 1);
}
