using System.Text.Json;

namespace Ragex.Cli.Tests;

/// <summary>The stdlib dev questions of the shared evaluation set (../shared/eval/python-stdlib-dev.jsonl beside the checkout).</summary>
public static class DevQuestions
{
    public static IReadOnlyList<string> Queries() =>
        [.. File.ReadLines(Find()).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("query").GetString()!)];

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "..", "shared", "eval", "python-stdlib-dev.jsonl");
            if (File.Exists(Path.Combine(directory.FullName, "Ragex.sln")) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("../shared/eval/python-stdlib-dev.jsonl not found above the test directory");
    }
}
