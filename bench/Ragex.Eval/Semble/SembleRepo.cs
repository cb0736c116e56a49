namespace Ragex.Eval.Semble;

/// <summary>A benchmark repository as prepared by semble-eval: its export folder and the subfolder that is indexed.</summary>
public sealed record SembleRepo(string Name, string Checkout, string? BenchmarkRoot)
{
    public string IndexDirectory => BenchmarkRoot is null ? Checkout : System.IO.Path.Combine(Checkout, BenchmarkRoot);

    /// <summary>A path relative to the indexed folder, made relative to the repository root as the annotations are.</summary>
    public string RepoRelative(string indexRelative) => BenchmarkRoot is null ? indexRelative : $"{BenchmarkRoot}/{indexRelative}";
}
