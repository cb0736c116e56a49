using System.Text.RegularExpressions;

namespace Ragex.Core.Embedding;

/// <summary>
/// The questions the static table is trained on: the first doc sentence (<see cref="DocSentences"/>) of every
/// documented definition in source trees that no evaluation uses (setup installs Debian packages of Python, Go, Rust,
/// Ruby and PHP source for it). Files in sorted order and the trees taken in turn, so the same trees give the same
/// questions in the same order and any prefix mixes languages.
/// </summary>
public static partial class TrainingQuestions
{
    private static readonly HashSet<string> SourceExtensions = new(StringComparer.Ordinal)
    {
        ".py", ".go", ".rs", ".rb", ".php", ".js", ".ts", ".java", ".c", ".h", ".cc", ".cpp", ".hpp", ".pm", ".pl", ".lua", ".kt", ".scala", ".cs",
    };

    /// <param name="roots">Source trees; missing ones are skipped.</param>
    /// <param name="excluded">Directory names never read (the evaluated repositories, vendored copies, tests).</param>
    /// <param name="limit">Questions wanted in all.</param>
    public static List<string> Mine(IReadOnlyList<string> roots, IReadOnlyCollection<string> excluded, int limit)
    {
        var skip = new HashSet<string>(excluded, StringComparer.OrdinalIgnoreCase);
        var perRoot = roots.Where(Directory.Exists).Select(root => Files(root, skip).SelectMany(Questions).GetEnumerator()).ToList();
        var questions = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (questions.Count < limit && perRoot.Count > 0)
        {
            foreach (var root in perRoot.ToList())
            {
                if (!root.MoveNext())
                {
                    perRoot.Remove(root);
                }
                else if (seen.Add(root.Current) && questions.Count < limit)
                {
                    questions.Add(root.Current);
                }
            }
        }

        return questions;
    }

    private static IEnumerable<string> Files(string root, HashSet<string> skip)
    {
        var directories = new Stack<string>([root]);
        while (directories.Count > 0)
        {
            var directory = directories.Pop();
            string[] files, children;
            try
            {
                files = Directory.GetFiles(directory);
                children = Directory.GetDirectories(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            Array.Sort(files, StringComparer.Ordinal);
            foreach (var file in files.Where(f => SourceExtensions.Contains(Path.GetExtension(f))))
            {
                yield return file;
            }

            Array.Sort(children, (a, b) => string.CompareOrdinal(b, a));
            foreach (var child in children.Where(c => !IsExcluded(Path.GetFileName(c), skip) && !IsLink(c)))
            {
                directories.Push(child);
            }
        }
    }

    /// <summary>For each definition line, the doc sentence of the comment lines above it or of the docstring below it.</summary>
    private static IEnumerable<string> Questions(string file)
    {
        string[] lines;
        try
        {
            lines = new FileInfo(file).Length < 400_000 ? File.ReadAllLines(file) : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            if (!Definition().IsMatch(lines[i]))
            {
                continue;
            }

            var lead = i;
            while (lead > 0 && i - lead < 8 && Comment().IsMatch(lines[lead - 1]))
            {
                lead--;
            }

            var chunk = "context\n" + string.Join('\n', lines[lead..Math.Min(lines.Length, i + 12)]);
            if (DocSentences.FirstSentence(chunk) is { } question)
            {
                yield return question;
            }
        }
    }

    /// <summary>A name in the list, or a versioned copy of one (serde-1.0.152, rack-2.2.4), as package caches name them.</summary>
    private static bool IsExcluded(string name, HashSet<string> skip)
    {
        var dash = name.IndexOf('-');
        while (dash > 0 && !(dash + 1 < name.Length && char.IsAsciiDigit(name[dash + 1])))
        {
            dash = name.IndexOf('-', dash + 1);
        }

        return skip.Contains(name) || (dash > 0 && skip.Contains(name[..dash]));
    }

    private static bool IsLink(string directory) => new DirectoryInfo(directory).LinkTarget is not null;

    [GeneratedRegex(@"^\s*(?:export\s+|pub(?:\([a-z]+\))?\s+|public\s+|private\s+|protected\s+|static\s+|async\s+)*(?:def|class|func|fn|function|sub|module|interface|struct|trait|enum)\s+[A-Za-z_]")]
    private static partial Regex Definition();

    [GeneratedRegex(@"^\s*(?://|#|/\*|\*|--)")]
    private static partial Regex Comment();
}
