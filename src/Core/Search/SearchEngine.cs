using System.Diagnostics;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Core.VectorIndex;
using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>
/// Answers a <see cref="SearchRequest"/>: resolves which projects and paths it covers, picks the mode (auto), runs the
/// mode's searcher on each project and merges the hits. A process that watches the projects (the daemon) passes
/// <paramref name="freshness"/>, and every reply says how current each searched index was. A bare identifier's files
/// are ordered by <paramref name="identifierFiles"/> (hybrid over the static tier: no model call) unless its related
/// chunks are asked for.
/// </summary>
public sealed class SearchEngine(
    ProjectRegistry registry, IReadOnlyDictionary<SearchMode, ISearcher> searchers, RankingOptions ranking,
    EmbeddingTiers tiers = EmbeddingTiers.StaticAndTransformer, long transformerMaxChunks = long.MaxValue, TierCoverageCache? coverage = null,
    Func<Project, IndexFreshness?>? freshness = null, ISearcher? identifierFiles = null)
{
    private readonly TierCoverageCache coverageCache = coverage ?? new();

    public static SearchEngine Create(
        ProjectRegistry registry, EmbedderProvider embedders, VectorIndexCache vectors, RankingOptions? ranking = null,
        Func<Project, IndexFreshness?>? freshness = null, SymbolNameCache? symbolNames = null)
    {
        ranking ??= new RankingOptions();
        var fileTypes = new RipgrepFileTypes();
        var coverage = new TierCoverageCache();
        var semantic = new SemanticSearcher(embedders, vectors, fileTypes, ranking, coverage);
        var keyword = new KeywordSearcher(fileTypes, ranking);
        var staticFirst = new SemanticSearcher(embedders, vectors, fileTypes, ranking, coverage) { StaticTierFirst = true };
        var regex = new RegexSearcher();
        return new SearchEngine(registry, new Dictionary<SearchMode, ISearcher>
        {
            [SearchMode.Regex] = regex,
            [SearchMode.References] = new ReferenceSearcher(regex),
            [SearchMode.Symbol] = new SymbolSearcher(fileTypes, ranking, symbolNames),
            [SearchMode.Semantic] = semantic,
            [SearchMode.Keyword] = keyword,
            [SearchMode.Hybrid] = new HybridSearcher(semantic, keyword, fileTypes, ranking),
        }, ranking, embedders.Tiers, embedders.TransformerMaxChunks, coverage, freshness, new HybridSearcher(staticFirst, keyword, fileTypes, ranking));
    }

    public async Task<SearchReply> SearchAsync(SearchRequest request, string currentDirectory, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var (scopes, states) = Resolve(request, currentDirectory);
        var choice = request.Mode == SearchMode.Auto ? QueryClassifier.Classify(request.Query) : new ModeChoice(request.Mode, "requested");
        var identifier = request.Mode == SearchMode.Auto && choice.Mode == SearchMode.Symbol;
        var coverage = choice.Mode is SearchMode.Semantic or SearchMode.Hybrid || identifier ? scopes.Select(EmbeddingCoverage).ToList() : [];
        if (request.Mode == SearchMode.Auto && choice.Mode == SearchMode.Hybrid && !coverage.All(HasVectors))
        {
            choice = new ModeChoice(SearchMode.Keyword, "natural language; no embeddings in the index, keyword search only");
        }

        var limit = request.Limit ?? (identifier ? ranking.IdentifierLimit : IsChunkMode(choice.Mode) ? ranking.DefaultLimit : int.MaxValue);
        var literal = new ModeChoice(SearchMode.Regex, "bare identifier", Literal: true);

        // A bare identifier's uses come from ripgrep, a process of its own, and the chunks that order its files from
        // the index: both run while the symbol table is read.
        var usagesFound = identifier
            ? Task.Run(() => UsagesAsync(scopes, literal, UsageRequest(request, limit) with { WordRegexp = true }, cancellationToken), cancellationToken)
            : null;
        var chunksFound = identifier ? Task.Run(() => IdentifierChunksAsync(scopes, coverage, request, limit, cancellationToken), cancellationToken) : null;

        // A bare identifier's definitions are all wanted before one per file is picked: --limit applies after the merge.
        // References are a name's whole-word uses: ripgrep reads only the files that may hold it, as for a bare identifier.
        var searched = choice.Mode == SearchMode.References ? NarrowedToWord(scopes, UsageRequest(request, limit)) : scopes;
        var hits = await RunAsync(searched, choice, identifier ? request with { Limit = Math.Max(request.Limit ?? 0, ranking.SymbolLimit) } : request, cancellationToken);
        if (usagesFound is not null && chunksFound is not null)
        {
            var chunks = await chunksFound;
            var usages = await usagesFound;
            var mentions = await RunAsync(MentioningScopes(scopes, chunks, usages, limit), literal, UsageRequest(request, limit), cancellationToken);
            hits = IdentifierHits.Merge(hits, chunks, [.. usages, .. mentions], request.Related, ranking.IdentifierLinesPerFile);
        }

        if (hits.Count == 0 && request.Mode == SearchMode.Auto && choice.Mode == SearchMode.Symbol)
        {
            choice = new ModeChoice(SearchMode.Regex, "bare identifier; no symbol of that name, searched as literal text", Literal: true);
            hits = await RunAsync(scopes, choice, request, cancellationToken);
        }

        var truncated = hits.Count > limit;
        return new SearchReply(
            request.Query,
            request.Mode,
            choice.Mode,
            choice.Reason,
            truncated ? hits.Take(limit).ToList() : hits,
            started.Elapsed.TotalMilliseconds)
        {
            Truncated = truncated,
            Notes =
            [
                .. states.Select(s => s.Note()).OfType<string>(),
                .. choice.Mode is SearchMode.Semantic or SearchMode.Hybrid || (identifier && request.Related)
                    ? coverage.Select(c => c.Note(tiers.HasFlag(EmbeddingTiers.Transformer), transformerMaxChunks)).OfType<string>()
                    : [],
            ],
            Coverage = [.. coverage.Select(c => new TierProgress(c.Root, c.Chunks, c.StaticChunks, c.TransformerChunks))],
            Freshness = states,
        };
    }

    /// <summary>
    /// A regex search whose hits go to <paramref name="found"/> as ripgrep finds them (one call at a time, on another
    /// thread), neither gathered nor sorted: a large result starts printing while ripgrep still searches, and is never
    /// held whole. The reply holds everything else: whether the limit cut the hits, notes, timing.
    /// </summary>
    public async Task<SearchReply> StreamRegexAsync(SearchRequest request, string currentDirectory, Action<SearchHit> found, CancellationToken cancellationToken)
    {
        if (request.Mode != SearchMode.Regex || !searchers.TryGetValue(SearchMode.Regex, out var searcher) || searcher is not RegexSearcher regex)
        {
            throw new InvalidOperationException("only a regex search by ripgrep streams its hits");
        }

        var started = Stopwatch.StartNew();
        var (scopes, states) = Resolve(request, currentDirectory);
        var (shown, truncated) = (0, false);
        foreach (var scope in scopes.TakeWhile(_ => !truncated))
        {
            await regex.StreamAsync(scope, request with { Limit = request.Limit - shown }, hit =>
            {
                if (shown < request.Limit.GetValueOrDefault(int.MaxValue))
                {
                    found(hit);
                    shown++;
                }
                else
                {
                    truncated = true;
                }
            }, cancellationToken);
        }

        return new SearchReply(request.Query, request.Mode, SearchMode.Regex, "requested", [], started.Elapsed.TotalMilliseconds)
        {
            Truncated = truncated,
            Notes = [.. states.Select(s => s.Note()).OfType<string>()],
            Freshness = states,
        };
    }

    /// <summary>
    /// The scopes a request covers, and how current each one's index is, read before searching: an index that was
    /// fresh then answers at least as currently as it was.
    /// </summary>
    private (IReadOnlyList<SearchScope> Scopes, List<IndexFreshness> States) Resolve(SearchRequest request, string currentDirectory)
    {
        if (string.IsNullOrEmpty(request.Query))
        {
            throw new RagexException("empty query");
        }

        var scopes = ResolveScopes(request.Paths, currentDirectory);
        return (scopes, freshness is null ? [] : scopes.Select(s => freshness(s.Project)).OfType<IndexFreshness>().ToList());
    }

    /// <summary>
    /// The lines that use a bare identifier: its name (the last part of a qualified one) as a whole word, as ripgrep
    /// finds it; no file can give more lines than the answer holds.
    /// </summary>
    private static SearchRequest UsageRequest(SearchRequest request, int limit) => request with
    {
        Query = SymbolSearcher.SplitQualified(request.Query.Trim()).Name,
        MaxCountPerFile = Math.Min(request.MaxCountPerFile ?? int.MaxValue, limit),
        Limit = null,
    };

    /// <summary>
    /// The chunks that order a bare identifier's files: hybrid over the static tier (no model call) when there are vectors,
    /// else keyword; their answering lines are needed only when they are shown (--related).
    /// </summary>
    private Task<List<SearchHit>> IdentifierChunksAsync(
        IReadOnlyList<SearchScope> scopes, IReadOnlyList<TierCoverage> coverage, SearchRequest request, int limit, CancellationToken cancellationToken)
    {
        var chunkMode = coverage.All(HasVectors) ? SearchMode.Hybrid : SearchMode.Keyword;
        var chunkSearcher = chunkMode == SearchMode.Hybrid && !request.Related ? identifierFiles : null;
        return RunAsync(scopes, new ModeChoice(chunkMode, "bare identifier"), request with { Limit = request.Related ? limit : 0 }, cancellationToken, chunkSearcher);
    }

    /// <summary>The lines that use a bare identifier, read by ripgrep from the files that may hold it (<see cref="WordFiles"/>).</summary>
    private Task<List<SearchHit>> UsagesAsync(IReadOnlyList<SearchScope> scopes, ModeChoice literal, SearchRequest usages, CancellationToken cancellationToken) =>
        RunAsync(NarrowedToWord(scopes, usages), literal, usages, cancellationToken);

    /// <summary>The scopes ripgrep reads for a whole-word search of <paramref name="words"/>'s query (<see cref="WordFiles"/>).</summary>
    private List<SearchScope> NarrowedToWord(IReadOnlyList<SearchScope> scopes, SearchRequest words) =>
        [.. scopes.Select(s => WordFiles.Narrow(s, words, freshness?.Invoke(s.Project))).OfType<SearchScope>()];

    /// <summary>
    /// The files keyword and semantic search rank highest for a bare identifier that never use it as a whole word
    /// (<c>Args</c> in a file of <c>ExactArgs</c> and <c>PositionalArgs</c>): their lines that hold it inside a longer
    /// name stand for them, so the file the ranking puts first is not lost to the word match.
    /// </summary>
    private static List<SearchScope> MentioningScopes(IReadOnlyList<SearchScope> scopes, IReadOnlyList<SearchHit> chunks, IReadOnlyList<SearchHit> usages, int limit)
    {
        var used = usages.Select(u => (u.Root, u.Path)).ToHashSet();
        var files = chunks.Select(c => (c.Root, c.Path)).Distinct().Take(limit).Where(f => !used.Contains(f)).ToList();
        return [.. scopes.Select(s => new SearchScope(s.Project, [.. files.Where(f => f.Root == s.Project.Root).Select(f => f.Path)]))
            .Where(s => s.RelativePaths.Count > 0)];
    }

    /// <summary>How far each tier of a project is: semantic results cover what the tiers have embedded.</summary>
    private TierCoverage EmbeddingCoverage(SearchScope scope)
    {
        using var database = Storage.IndexDatabase.Open(scope.Project.DatabasePath, readOnly: true);
        return coverageCache.Of(scope.Project, database);
    }

    /// <summary>Whether a tier this engine searches has vectors for the project.</summary>
    private bool HasVectors(TierCoverage coverage) =>
        (tiers.HasFlag(EmbeddingTiers.Static) && coverage.StaticChunks > 0) || (tiers.HasFlag(EmbeddingTiers.Transformer) && coverage.TransformerChunks > 0);

    private async Task<List<SearchHit>> RunAsync(
        IReadOnlyList<SearchScope> scopes, ModeChoice choice, SearchRequest request, CancellationToken cancellationToken, ISearcher? instead = null)
    {
        var searcher = instead;
        if (searcher is null && !searchers.TryGetValue(choice.Mode, out searcher))
        {
            throw new RagexException($"{choice.Mode.ToString().ToLowerInvariant()} search is not available in this build");
        }

        var effective = choice.Literal ? request with { FixedStrings = true } : request;
        var hits = new List<SearchHit>();
        foreach (var scope in scopes)
        {
            hits.AddRange(await searcher.SearchAsync(scope, effective, cancellationToken));
        }

        if (choice.Mode is SearchMode.Regex or SearchMode.References)
        {
            return InFileOrder(hits);
        }

        // Each searcher returns its project's hits ranked; across projects, scores decide.
        return scopes.Count == 1 ? hits : [.. hits.OrderByDescending(h => h.Score).ThenBy(h => h.Path, StringComparer.Ordinal).ThenBy(h => h.Line)];
    }

    /// <summary>
    /// Regex hits by root, path and line. ripgrep prints a file's matches together and in line order, so sorting
    /// those runs by file is enough (tens of thousands of hits on the kernel, a few thousand runs); a pass checks the
    /// result and anything else gets the full sort.
    /// </summary>
    private static List<SearchHit> InFileOrder(List<SearchHit> hits)
    {
        var runs = new List<(int Start, int End)>();
        for (var i = 0; i < hits.Count; i++)
        {
            if (i == 0 || hits[i].Path != hits[i - 1].Path || hits[i].Root != hits[i - 1].Root)
            {
                runs.Add((i, i + 1));
            }
            else
            {
                runs[^1] = (runs[^1].Start, i + 1);
            }
        }

        runs.Sort((a, b) => CompareFiles(hits[a.Start], hits[b.Start]) is var byFile && byFile != 0 ? byFile : a.Start.CompareTo(b.Start));
        var ordered = new List<SearchHit>(hits.Count);
        foreach (var (start, end) in runs)
        {
            for (var i = start; i < end; i++)
            {
                ordered.Add(hits[i]);
            }
        }

        for (var i = 1; i < ordered.Count; i++)
        {
            var byFile = CompareFiles(ordered[i - 1], ordered[i]);
            if (byFile > 0 || (byFile == 0 && ordered[i - 1].Line > ordered[i].Line))
            {
                return [.. hits.OrderBy(h => h.Root, StringComparer.Ordinal).ThenBy(h => h.Path, StringComparer.Ordinal).ThenBy(h => h.Line)];
            }
        }

        return ordered;
    }

    private static int CompareFiles(SearchHit a, SearchHit b) =>
        string.CompareOrdinal(a.Root, b.Root) is var byRoot && byRoot != 0 ? byRoot : string.CompareOrdinal(a.Path, b.Path);

    private static bool IsChunkMode(SearchMode mode) => mode is SearchMode.Semantic or SearchMode.Keyword or SearchMode.Hybrid;

    /// <summary>
    /// Explicit paths must lie in registered projects. Without paths, the project around the current directory is
    /// searched, or every registered project when the current directory is in none.
    /// </summary>
    public IReadOnlyList<SearchScope> ResolveScopes(IReadOnlyList<string> paths, string currentDirectory)
    {
        if (paths.Count == 0)
        {
            var around = registry.FindContaining(currentDirectory);
            if (around is not null)
            {
                return [new SearchScope(around, [])];
            }

            var all = registry.List();
            return all.Count > 0
                ? [.. all.Select(p => new SearchScope(p, []))]
                : throw new RagexException("no indexed projects; run `ragex index PATH` first") { NotIndexedPath = currentDirectory };
        }

        var scopes = new Dictionary<string, (Project Project, List<string> Paths)>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path, currentDirectory);
            if (!File.Exists(full) && !Directory.Exists(full))
            {
                throw new RagexException($"{path}: no such file or directory");
            }

            var project = registry.FindContaining(full)
                ?? throw new RagexException($"{path}: not inside an indexed project; run `ragex index {path}` first") { NotIndexedPath = full };
            if (!scopes.TryGetValue(project.Id, out var entry))
            {
                scopes[project.Id] = entry = (project, []);
            }

            entry.Paths.Add(project.Relative(RealPath.Resolve(full)));
        }

        return [.. scopes.Values.Select(s => new SearchScope(s.Project, s.Paths))];
    }
}
