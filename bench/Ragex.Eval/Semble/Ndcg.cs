namespace Ragex.Eval.Semble;

/// <summary>NDCG@10 with binary gains, as semble's benchmarks/metrics.py (and the semble-eval harness) compute it.</summary>
public static class Ndcg
{
    public const int K = 10;

    public static double At10(IReadOnlyList<(string Path, int? Start, int? End)> hits, IReadOnlyList<SembleTarget> targets)
    {
        var top = hits.Take(K).ToList();
        var ranks = targets
            .Select(t => top.FindIndex(h => t.IsCoveredBy(h.Path, h.Start, h.End)))
            .Where(i => i >= 0)
            .Select(i => i + 1)
            .ToHashSet();
        var ideal = Enumerable.Range(0, Math.Min(K, targets.Count)).Sum(i => 1 / Math.Log2(i + 2));
        return ideal == 0 ? 0 : ranks.Sum(r => 1 / Math.Log2(r + 1)) / ideal;
    }
}
