namespace Ragex.Core.Search;

/// <summary>
/// Tells tests, documentation, examples and generated or vendored files from source code by their path, and whether
/// a query asks for one of them (then that kind of file is not demoted).
/// </summary>
public static class FileRoles
{
    private static readonly HashSet<string> TestFolders = ["test", "tests", "__tests__", "spec", "specs", "testdata", "test_data", "fixtures"];
    private static readonly HashSet<string> DocumentationFolders = ["doc", "docs", "documentation", "man"];
    private static readonly HashSet<string> ExampleFolders = ["example", "examples", "sample", "samples", "demo", "demos", "tutorial", "docs_src"];
    private static readonly HashSet<string> GeneratedFolders = ["vendor", "vendored", "third_party", "thirdparty", "node_modules", "generated", "dist", "build"];
    private static readonly HashSet<string> DocumentationExtensions = [".md", ".rst", ".txt", ".adoc", ".markdown"];
    private static readonly string[] GeneratedSuffixes = [".min.js", ".pb.go", "_pb2.py", ".g.cs", ".designer.cs", ".generated.cs", ".lock"];
    /// <summary>Test file names by each ecosystem's convention (test_x.py, x_test.go, XTest.java, XTests.cs, x.spec.ts, x_spec.rb).</summary>
    private static readonly string[] TestSuffixes = ["_test", "_tests", "test", "tests", ".test", ".spec", "_spec"];

    private static readonly Dictionary<FileRole, string[]> QueryWords = new()
    {
        [FileRole.Test] = ["test", "tests", "testing", "spec", "specs", "fixture", "fixtures", "mock", "mocks"],
        [FileRole.Documentation] = ["doc", "docs", "documentation", "readme", "guide", "changelog"],
        [FileRole.Example] = ["example", "examples", "sample", "samples", "demo", "tutorial"],
        [FileRole.Generated] = ["generated", "vendor", "vendored", "minified"],
    };

    public static FileRole Of(string relativePath)
    {
        var path = relativePath.ToLowerInvariant();
        var segments = path.Split('/');
        var folders = segments[..^1];
        var name = segments[^1];
        var stem = Path.GetFileNameWithoutExtension(name);
        if (folders.Any(GeneratedFolders.Contains) || GeneratedSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal)))
        {
            return FileRole.Generated;
        }

        if (folders.Any(TestFolders.Contains) || (name.EndsWith(".py", StringComparison.Ordinal) && (stem.StartsWith("test_", StringComparison.Ordinal) || stem == "conftest"))
            || (stem.Length > 5 && TestSuffixes.Any(s => stem.EndsWith(s, StringComparison.Ordinal) && !stem.EndsWith("latest", StringComparison.Ordinal))))
        {
            return FileRole.Test;
        }

        if (folders.Any(ExampleFolders.Contains))
        {
            return FileRole.Example;
        }

        return folders.Any(DocumentationFolders.Contains) || DocumentationExtensions.Contains(Path.GetExtension(name))
            ? FileRole.Documentation
            : FileRole.Source;
    }

    /// <summary>Whether the query's words ask for files of this role (a source file is always welcome).</summary>
    public static bool IsAskedFor(FileRole role, IReadOnlyCollection<string> queryTerms) =>
        role == FileRole.Source || QueryWords[role].Any(queryTerms.Contains);
}
