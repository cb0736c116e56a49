using DotNet.Globbing;
using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>
/// ripgrep's -g/-t semantics for modes that do not run rg: a glob without '/' matches the file name, otherwise the
/// path from the root; '!' excludes; when any including glob is given, a path must match one. The last matching glob
/// wins, as in rg.
/// </summary>
public sealed class PathFilter
{
    private readonly List<(Glob Glob, bool Include, bool NameOnly)> globs = [];
    private readonly List<Glob> typeGlobs = [];

    public PathFilter(SearchRequest request, RipgrepFileTypes fileTypes)
    {
        foreach (var raw in request.Globs)
        {
            var include = !raw.StartsWith('!');
            var pattern = include ? raw : raw[1..];
            var nameOnly = !pattern.TrimEnd('/').Contains('/');
            globs.Add((Glob.Parse(pattern.TrimStart('/')), include, nameOnly));
        }

        foreach (var type in request.Types)
        {
            typeGlobs.AddRange(fileTypes.GlobsFor(type).Select(g => Glob.Parse(g)));
        }
    }

    public bool IsEmpty => globs.Count == 0 && typeGlobs.Count == 0;

    public bool Matches(string relativePath)
    {
        var name = relativePath[(relativePath.LastIndexOf('/') + 1)..];
        if (typeGlobs.Count > 0 && !typeGlobs.Any(g => g.IsMatch(name)))
        {
            return false;
        }

        for (var i = globs.Count - 1; i >= 0; i--)
        {
            var (glob, include, nameOnly) = globs[i];
            if (glob.IsMatch(nameOnly ? name : relativePath))
            {
                return include;
            }
        }

        return !globs.Any(g => g.Include);
    }
}
