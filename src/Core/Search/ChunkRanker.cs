using Ragex.Core.Chunking;
using Ragex.Core.Storage;

namespace Ragex.Core.Search;

/// <summary>
/// The ranking stack over keyword (BM25) or fused retriever scores: a chunk gains when the query names its symbol or
/// its file, and when it is a definition rather than loose lines; tests, documentation, examples and generated files
/// lose unless the query asks for them, and a C/C++ header loses to the implementation file of its name; then chunks
/// are grouped by file so that one file cannot fill the top of the list.
/// </summary>
public sealed class ChunkRanker(RankingOptions options)
{
    private static readonly HashSet<string> HeaderExtensions = new(StringComparer.OrdinalIgnoreCase) { ".h", ".hh", ".hpp", ".hxx" };
    private static readonly HashSet<string> ImplementationExtensions = new(StringComparer.OrdinalIgnoreCase) { ".c", ".cc", ".cpp", ".cxx", ".m", ".mm" };

    public List<RankedChunk> Rank(
        IReadOnlyList<(long Id, double Score)> fused, IReadOnlyDictionary<long, StoredChunk> chunks, string query,
        IReadOnlyDictionary<string, List<string>>? outlines = null)
    {
        var words = new QueryWords(query);
        var name = options.NameDefinitionBoost == 0 ? null : AskedName(query);
        var best = fused.Count == 0 ? 1 : Math.Max(fused[0].Score, double.Epsilon);
        var outlineShare = new Dictionary<string, double>(StringComparer.Ordinal);
        var implemented = ImplementedStems(chunks.Values);
        var scored = fused
            .Where(f => chunks.ContainsKey(f.Id))
            .Select(f => new RankedChunk(chunks[f.Id], f.Score / best
                * (Boost(chunks[f.Id], words) + NameDefinitionBoost(chunks[f.Id], name) + OutlineBoost(chunks[f.Id].Path, words, outlines, outlineShare))
                * (IsDeclaringHeader(chunks[f.Id].Path, implemented) ? options.DeclaringHeaderFactor : 1)))
            .ToList();
        return FileAggregation.Order(scored, options.SiblingWeight, options.RankedHitsPerFile, options.SiblingsCounted);
    }

    /// <summary>
    /// The words of the names each candidate's file defines that may share a word with <paramref name="query"/> (the
    /// file's outline, narrowed to words holding one of its stems), or null when outlines do not count.
    /// </summary>
    public Dictionary<string, List<string>>? Outlines(IndexDatabase database, IEnumerable<StoredChunk> chunks, string query) =>
        options.OutlineMatchBoost == 0 ? null : database.Symbols.NameWordsByPath([.. chunks.Select(c => c.Path).Distinct()], [.. new QueryWords(query).Stems]);

    private double OutlineBoost(string path, QueryWords words, IReadOnlyDictionary<string, List<string>>? outlines, Dictionary<string, double> cache)
    {
        if (options.OutlineMatchBoost == 0 || outlines is null || !outlines.TryGetValue(path, out var names))
        {
            return 0;
        }

        if (!cache.TryGetValue(path, out var share))
        {
            cache[path] = share = words.Share([.. names, .. path.Split('/')]);
        }

        return options.OutlineMatchBoost * share;
    }

    /// <summary>
    /// Added to the factor of a definition named exactly as a bare-identifier query, half again when its file is named
    /// so too (<c>Session</c>: class Session in sessions.py); a question in words asks for no name.
    /// </summary>
    private double NameDefinitionBoost(StoredChunk chunk, string? name)
    {
        if (name is null || chunk.Kind == Chunk.WindowKind || chunk.Symbol is not { } symbol || LastName(symbol) != name)
        {
            return 0;
        }

        var stem = Path.GetFileNameWithoutExtension(chunk.Path).Replace("_", "", StringComparison.Ordinal);
        var named = string.Equals(stem, name, StringComparison.OrdinalIgnoreCase) || string.Equals(stem, name + "s", StringComparison.OrdinalIgnoreCase);
        return options.NameDefinitionBoost * (named ? 1.5 : 1);
    }

    /// <summary>The name a bare-identifier query asks for (its last part: Helpers of Sinatra::Helpers), or null for other queries.</summary>
    private static string? AskedName(string query) =>
        QueryClassifier.Classify(query).Mode == Protocol.SearchMode.Symbol ? LastName(query.Trim()) : null;

    private static string LastName(string qualified) =>
        qualified[(qualified.LastIndexOfAny(['.', ':', '>', '#']) + 1)..];

    /// <summary>The factor a chunk's fused score is multiplied by.</summary>
    public double Boost(StoredChunk chunk, QueryWords words)
    {
        var boost = 1.0;
        if (chunk.Symbol is { } symbol)
        {
            boost += options.SymbolMatchBoost * words.Match(symbol[(symbol.LastIndexOf('.') + 1)..]);
        }

        boost += options.PathMatchBoost * words.Match(FileStem(chunk.Path));
        if (chunk.Kind != Chunk.WindowKind)
        {
            boost += options.DefinitionBoost;
        }

        return FileRoles.IsAskedFor(FileRoles.Of(chunk.Path), words.Terms.ToHashSet()) ? boost : boost * options.NonSourceFactor;
    }

    /// <summary>File names (without extension) of the C and C++ implementation files among the candidates.</summary>
    private static HashSet<string> ImplementedStems(IEnumerable<StoredChunk> chunks) =>
        chunks.Where(c => ImplementationExtensions.Contains(Path.GetExtension(c.Path)))
            .Select(c => Path.GetFileNameWithoutExtension(c.Path))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>A header that declares what a candidate implementation file of the same name defines (idna.h beside idna.c).</summary>
    private static bool IsDeclaringHeader(string path, HashSet<string> implemented) =>
        implemented.Count > 0 && HeaderExtensions.Contains(Path.GetExtension(path)) && implemented.Contains(Path.GetFileNameWithoutExtension(path));

    private static string FileStem(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var dot = name.IndexOf('.', 1);
        return dot < 0 ? name : name[..dot];
    }
}
