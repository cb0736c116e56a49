using System.Text.RegularExpressions;

namespace Ragex.Core.Embedding;

/// <summary>
/// The first sentence of a chunk's doc comment or docstring (Python's triple quotes; #, //, ///, /* */ comment lines
/// at its top), 4 to 30 words, mostly letters: what a person would ask for that code in words. These are the questions
/// the static table is trained on (<see cref="StaticTrainer"/>).
/// </summary>
public static partial class DocSentences
{
    public static string? FirstSentence(string chunkText)
    {
        var collected = new List<string>();
        var inDocstring = false;
        foreach (var raw in chunkText.Split('\n').Skip(1).Take(20))
        {
            var line = raw.Trim();
            if (inDocstring || line.StartsWith("\"\"\"", StringComparison.Ordinal) || line.StartsWith("'''", StringComparison.Ordinal))
            {
                var body = inDocstring ? line : line[3..];
                inDocstring = true;
                var close = DocstringEnd(body);
                if (close >= 0)
                {
                    collected.Add(body[..close]);
                    break;
                }

                if (body.Length == 0 && collected.Count > 0)
                {
                    break;
                }

                collected.Add(body);
                continue;
            }

            var comment = CommentLine().Match(line);
            if (!comment.Success)
            {
                if (collected.Count > 0)
                {
                    break;
                }

                continue;
            }

            var text = comment.Groups[1].Value.Trim();
            if (text.Length == 0 && collected.Count > 0)
            {
                break;
            }

            if (!text.StartsWith('@') && !text.StartsWith("-*-", StringComparison.Ordinal) && !text.StartsWith("SPDX", StringComparison.Ordinal)
                && !text.Contains("Copyright", StringComparison.OrdinalIgnoreCase))
            {
                collected.Add(text);
            }
        }

        return Sentence(string.Join(' ', collected));
    }

    private static int DocstringEnd(string body)
    {
        var close = body.IndexOf("\"\"\"", StringComparison.Ordinal);
        return close >= 0 ? close : body.IndexOf("'''", StringComparison.Ordinal);
    }

    private static string? Sentence(string text)
    {
        var end = SentenceEnd().Match(text);
        var sentence = Spaces().Replace(end.Success ? text[..(end.Index + 1)] : text, " ").Trim();
        var words = sentence.Split(' ').Length;
        return words is >= 4 and <= 30 && sentence.Count(char.IsLetter) >= sentence.Length * 0.7 ? sentence : null;
    }

    [GeneratedRegex(@"^(?:///?|#+|/\*+|\*+/?|--)\s?(.*?)(?:\*/)?$")]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"[.!?](\s|$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
