namespace Ragex.Eval.Semble;

/// <summary>A file (repo-relative) that answers a query, optionally narrowed to a line span.</summary>
public sealed record SembleTarget(string Path, int? StartLine, int? EndLine)
{
    /// <summary>semble's match: equal paths or one ending in '/' + the other, and overlapping lines when both have them.</summary>
    public bool IsCoveredBy(string path, int? start, int? end)
    {
        var samePath = path == Path || path.EndsWith("/" + Path, StringComparison.Ordinal) || Path.EndsWith("/" + path, StringComparison.Ordinal);
        if (!samePath)
        {
            return false;
        }

        return StartLine is null || EndLine is null || start is null || !((end ?? start) < StartLine || start > EndLine);
    }
}
