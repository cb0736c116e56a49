namespace Ragex.Core.Embedding;

/// <summary>
/// Puts a text in the form Hugging Face's BERT tokenizer, which these models were trained with, would split it, where
/// Microsoft.ML.Tokenizers' BertTokenizer does not: it drops tab, newline and carriage return instead of treating them
/// as spaces (the last word of a line and the first of the next became one: "x\ndef" as x ##de ##f), and keeps '_'
/// inside a word where BERT splits (parse_date as parse ##_ ##date).
/// </summary>
public static class BertText
{
    public static string Clean(string text)
    {
        if (text.AsSpan().IndexOfAny("\t\n\r_") < 0)
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\t' or '\n' or '\r':
                    builder.Append(' ');
                    break;
                case '_':
                    builder.Append(" _ ");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }
}
