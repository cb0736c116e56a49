using System.Text.Json;
using System.Text.Json.Serialization;
using ModelContextProtocol;
using Ragex.Protocol;

namespace Ragex.Cli.Mcp;

/// <summary>
/// Source-generated JSON for the tools' own results, in the protocol's snake_case, and for the tools' parameter types
/// (the SDK binds arguments and writes input schemas through these; with no reflection, Native AOT needs them).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(McpSearchResult))]
[JsonSerializable(typeof(McpHit))]
[JsonSerializable(typeof(McpIndexSummary))]
[JsonSerializable(typeof(AnswerFormat))]
[JsonSerializable(typeof(SearchMode))]
[JsonSerializable(typeof(string[]))]
public sealed partial class McpJsonContext : JsonSerializerContext
{
    /// <summary>The SDK's defaults, with this context first for the tools' parameter types.</summary>
    /// <remarks>Built on first use: a static initializer would run before the generated <see cref="Default"/> exists.</remarks>
    public static JsonSerializerOptions ToolOptions => field ??= CreateToolOptions();

    private static JsonSerializerOptions CreateToolOptions()
    {
        var options = new JsonSerializerOptions(McpJsonUtilities.DefaultOptions);
        options.TypeInfoResolverChain.Insert(0, Default);
        options.MakeReadOnly();
        return options;
    }
}
