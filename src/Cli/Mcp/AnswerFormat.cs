using System.Text.Json.Serialization;

namespace Ragex.Cli.Mcp;

/// <summary>How search tools write their hits: one line per hit (the default, for agents) or JSON objects.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AnswerFormat>))]
public enum AnswerFormat
{
    [JsonStringEnumMemberName("compact")]
    Compact,
    [JsonStringEnumMemberName("json")]
    Json,
}
