using System.Text;
using System.Text.Json;
using Ragex.Core.Storage;

namespace Ragex.Core.Symbols;

/// <summary>
/// Parses universal-ctags' <c>--output-format=json</c> lines; anything that is not a tag line is skipped. A line is
/// read as UTF-8 with a forward-only reader, and the values that repeat (a batch's current path, kinds, languages) are
/// kept as one string each: the Linux kernel gives 7.6M tags, and a document and a string per field of each cost a
/// third of ctags' own time. One parser serves one ctags process (it is not thread-safe). A tag's preview is its
/// name until the file's text gives its line (<see cref="Chunking.DefinitionLines"/>).
/// </summary>
public sealed class CtagsJsonParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 4 };

    private readonly Dictionary<string, string> repeated = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> repeatedBySpan;
    private byte[] lastPathBytes = [];
    private string lastPath = "";

    public CtagsJsonParser() => repeatedBySpan = repeated.GetAlternateLookup<ReadOnlySpan<char>>();

    public CtagsTag? Parse(string line) => Parse(Encoding.UTF8.GetBytes(line));

    public CtagsTag? Parse(ReadOnlySpan<byte> line)
    {
        line = line.TrimStart(" \t\r"u8);
        if (line.IsEmpty || line[0] != (byte)'{')
        {
            return null;
        }

        var reader = new Utf8JsonReader(line, ReaderOptions);
        reader.Read();
        string? type = null, name = null, path = null, kind = null, signature = null, scope = null, scopeKind = null, language = null;
        int? lineNumber = null, end = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Field(ref reader);
            reader.Read();
            switch (field)
            {
                case TagField.Type: type = Repeated(ref reader); break;
                case TagField.Name: name = Text(ref reader); break;
                case TagField.Path: path = Path(ref reader); break;
                case TagField.Kind: kind = Repeated(ref reader); break;
                case TagField.Signature: signature = Text(ref reader); break;
                case TagField.Scope: scope = Text(ref reader); break;
                case TagField.ScopeKind: scopeKind = Repeated(ref reader); break;
                case TagField.Language: language = Repeated(ref reader); break;
                case TagField.Line: lineNumber = Number(ref reader); break;
                case TagField.End: end = Number(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        if (type != "tag" || name is null || path is null || lineNumber is not { } number)
        {
            return null;
        }

        return new CtagsTag(path, new SymbolRecord(name, kind ?? "unknown", number, end, signature, scope, scopeKind, language, Preview: name));
    }

    private static TagField Field(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("_type"u8) ? TagField.Type
        : reader.ValueTextEquals("name"u8) ? TagField.Name
        : reader.ValueTextEquals("path"u8) ? TagField.Path
        : reader.ValueTextEquals("kind"u8) ? TagField.Kind
        : reader.ValueTextEquals("signature"u8) ? TagField.Signature
        : reader.ValueTextEquals("scope"u8) ? TagField.Scope
        : reader.ValueTextEquals("scopeKind"u8) ? TagField.ScopeKind
        : reader.ValueTextEquals("language"u8) ? TagField.Language
        : reader.ValueTextEquals("line"u8) ? TagField.Line
        : reader.ValueTextEquals("end"u8) ? TagField.End
        : TagField.Other;

    private static string? Text(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String ? reader.GetString() : Skipped(ref reader);

    private static int? Number(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : null;

    private static string? Skipped(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    /// <summary>A value of a small set (kinds, languages): one string for each, looked up without allocating.</summary>
    private string? Repeated(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > 64)
        {
            return Text(ref reader);
        }

        Span<char> chars = stackalloc char[64];
        var count = Encoding.UTF8.GetChars(reader.ValueSpan, chars);
        if (repeatedBySpan.TryGetValue(chars[..count], out var known))
        {
            return known;
        }

        var value = chars[..count].ToString();
        repeated[value] = value;
        return value;
    }

    /// <summary>A ctags process prints each file's tags together: the path of the line before is usually this one's.</summary>
    private string? Path(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return Text(ref reader);
        }

        if (!reader.ValueSpan.SequenceEqual(lastPathBytes))
        {
            lastPathBytes = reader.ValueSpan.ToArray();
            lastPath = Encoding.UTF8.GetString(lastPathBytes);
        }

        return lastPath;
    }

    private enum TagField
    {
        Other,
        Type,
        Name,
        Path,
        Kind,
        Signature,
        Scope,
        ScopeKind,
        Language,
        Line,
        End,
    }
}
