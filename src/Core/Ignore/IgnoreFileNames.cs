namespace Ragex.Core.Ignore;

public static class IgnoreFileNames
{
    public const string Ragex = ".ragexignore";

    public static readonly IReadOnlyList<(string Name, IgnoreFileKind Kind)> All =
    [
        (".gitignore", IgnoreFileKind.Git),
        (".ignore", IgnoreFileKind.Ignore),
        (".rgignore", IgnoreFileKind.Rg),
        (Ragex, IgnoreFileKind.Ragex),
    ];
}
