namespace Ragex.Core.Search;

/// <summary>Reciprocal rank fusion: each ranking adds weight / (k + rank) to an item, ranks counted from 1.</summary>
public static class ReciprocalRankFusion
{
    public static List<(long Id, double Score)> Fuse(int k, params (IReadOnlyList<(long Id, double Score)> Ranking, double Weight)[] rankings)
    {
        var fused = new Dictionary<long, double>();
        foreach (var (ranking, weight) in rankings)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                fused[ranking[rank].Id] = fused.GetValueOrDefault(ranking[rank].Id) + (weight / (k + rank + 1));
            }
        }

        return [.. fused.OrderByDescending(f => f.Value).ThenBy(f => f.Key).Select(f => (f.Key, f.Value))];
    }
}
