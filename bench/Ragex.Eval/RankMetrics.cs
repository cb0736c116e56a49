namespace Ragex.Eval;

/// <summary>recall@1/5/10 and MRR@10 from the 1-based rank of the first correct hit of each query (null: not in the top 10).</summary>
public sealed record RankMetrics(double RecallAt1, double RecallAt5, double RecallAt10, double MrrAt10)
{
    public static RankMetrics From(IReadOnlyList<int?> ranks)
    {
        double Recall(int k) => ranks.Count(r => r <= k) / (double)ranks.Count;
        var mrr = ranks.Sum(r => r is { } rank && rank <= 10 ? 1.0 / rank : 0) / ranks.Count;
        return new RankMetrics(Recall(1), Recall(5), Recall(10), mrr);
    }
}
