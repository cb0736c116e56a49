namespace Ragex.MicroBench;

/// <summary>Chunk-like texts: 30-line windows of Debian's Python 3.11 email package, with a context line as the indexer writes.</summary>
public static class SampleTexts
{
    public const string Corpus = "/usr/lib/python3.11/email";

    public static IReadOnlyList<string> Take(int count)
    {
        var texts = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Corpus, "*.py").Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(file);
            for (var start = 0; start + 30 <= lines.Length && texts.Count < count; start += 30)
            {
                texts.Add($"email/{Path.GetFileName(file)} module window\n" + string.Join('\n', lines.AsSpan(start, 30).ToArray()));
            }

            if (texts.Count == count)
            {
                break;
            }
        }

        return texts;
    }
}
