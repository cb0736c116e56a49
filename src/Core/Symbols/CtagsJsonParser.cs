using System.Text.Json;
using Ragex.Core.Storage;

namespace Ragex.Core.Symbols;

/// <summary>Parses universal-ctags' <c>--output-format=json</c> lines; anything that is not a tag line is skipped.</summary>
public static class CtagsJsonParser
{
    public static CtagsTag? ParseLine(string line)
    {
        if (string.IsNullOrWhiteSpace(line) || line[0] != '{')
        {
            return null;
        }

        using var document = JsonDocument.Parse(line);
        var tag = document.RootElement;
        if (String(tag, "_type") != "tag" || String(tag, "name") is not { } name || String(tag, "path") is not { } path
            || !tag.TryGetProperty("line", out var lineElement))
        {
            return null;
        }

        return new CtagsTag(path, new SymbolRecord(
            name,
            String(tag, "kind") ?? "unknown",
            lineElement.GetInt32(),
            tag.TryGetProperty("end", out var end) ? end.GetInt32() : null,
            String(tag, "signature"),
            String(tag, "scope"),
            String(tag, "scopeKind"),
            String(tag, "language"),
            PatternToPreview(String(tag, "pattern"), name)));
    }

    /// <summary>Turns a ctags search pattern such as <c>/^def f(x):$/</c> back into the source line.</summary>
    public static string PatternToPreview(string? pattern, string fallback)
    {
        if (pattern is null || pattern.Length < 2 || pattern[0] != '/')
        {
            return fallback;
        }

        var body = pattern[1..^1];
        if (body.StartsWith('^'))
        {
            body = body[1..];
        }

        if (body.EndsWith('$') && !body.EndsWith("\\$", StringComparison.Ordinal))
        {
            body = body[..^1];
        }

        return body.Replace("\\/", "/").Replace("\\\\", "\\").Trim();
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
