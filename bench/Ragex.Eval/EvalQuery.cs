namespace Ragex.Eval;

/// <summary>One line of the query set: the question, the file that answers it and the symbol defined there.</summary>
public sealed record EvalQuery(string Id, string Query, string File, string Symbol);
