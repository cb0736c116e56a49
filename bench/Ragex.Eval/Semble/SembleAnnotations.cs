using System.Text.Json;

namespace Ragex.Eval.Semble;

/// <summary>Reads repos.json and annotations/&lt;repo&gt;.json (semble's format, unchanged) and the prepared exports.</summary>
public static class SembleAnnotations
{
    public static List<SembleRepo> Repos(string reposJson, string cache) =>
        JsonDocument.Parse(File.ReadAllText(reposJson)).RootElement.EnumerateArray()
            .Select(r => new SembleRepo(
                r.GetProperty("name").GetString()!,
                Path.Combine(cache, r.GetProperty("name").GetString()!),
                r.TryGetProperty("benchmark_root", out var root) && root.ValueKind == JsonValueKind.String ? root.GetString() : null))
            .Where(r => File.Exists(Path.Combine(r.Checkout, ".revision")))
            .ToList();

    public static List<SembleTask> Tasks(string annotationsDirectory, string repo)
    {
        var file = Path.Combine(annotationsDirectory, repo + ".json");
        return JsonDocument.Parse(File.ReadAllText(file)).RootElement.EnumerateArray()
            .Select(q => new SembleTask(
                repo,
                q.GetProperty("query").GetString()!,
                q.GetProperty("category").GetString()!,
                [.. Targets(q, "relevant"), .. Targets(q, "secondary")]))
            .ToList();
    }

    private static IEnumerable<SembleTarget> Targets(JsonElement query, string property) =>
        query.TryGetProperty(property, out var list)
            ? list.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String
                ? new SembleTarget(t.GetString()!, null, null)
                : new SembleTarget(
                    t.GetProperty("path").GetString()!,
                    t.TryGetProperty("start_line", out var s) ? s.GetInt32() : null,
                    t.TryGetProperty("end_line", out var e) ? e.GetInt32() : null))
            : [];
}
