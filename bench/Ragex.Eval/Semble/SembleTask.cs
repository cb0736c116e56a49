namespace Ragex.Eval.Semble;

/// <summary>One annotated query of one repository.</summary>
public sealed record SembleTask(string Repo, string Query, string Category, IReadOnlyList<SembleTarget> Targets);
