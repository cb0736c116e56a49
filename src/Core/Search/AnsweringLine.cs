using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>The line of a chunk that best answers a query: its 1-based number and column, its text and the query words in it.</summary>
public sealed record AnsweringLine(int Line, int Column, string Text, IReadOnlyList<MatchSpan> Spans);
