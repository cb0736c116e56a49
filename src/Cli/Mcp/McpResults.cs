using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol.Protocol;
using Ragex.Core;

namespace Ragex.Cli.Mcp;

/// <summary>
/// Tool results: JSON text on success; on failure a one-line result with isError set, which the assistant reads and can
/// act on (rather than a protocol error, which it cannot).
/// </summary>
public static class McpResults
{
    public static CallToolResult Json<T>(T value, JsonTypeInfo<T> typeInfo) =>
        new() { Content = [new TextContentBlock { Text = JsonSerializer.Serialize(value, typeInfo) }] };

    public static CallToolResult Text(string text) => new() { Content = [new TextContentBlock { Text = text }] };

    public static CallToolResult Error(string message) =>
        new() { IsError = true, Content = [new TextContentBlock { Text = message.ReplaceLineEndings(" ") }] };

    public static async Task<CallToolResult> RunAsync(TextWriter log, Func<Task<CallToolResult>> body)
    {
        try
        {
            return await body();
        }
        catch (RagexException e)
        {
            return Error(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await log.WriteLineAsync($"ragex mcp: {e}");
            return Error($"internal error: {e.GetType().Name}: {e.Message}");
        }
    }
}
