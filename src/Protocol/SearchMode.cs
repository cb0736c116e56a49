using System.Text.Json.Serialization;

namespace Ragex.Protocol;

[JsonConverter(typeof(JsonStringEnumConverter<SearchMode>))]
public enum SearchMode
{
    [JsonStringEnumMemberName("auto")]
    Auto,
    [JsonStringEnumMemberName("regex")]
    Regex,
    [JsonStringEnumMemberName("symbol")]
    Symbol,
    [JsonStringEnumMemberName("semantic")]
    Semantic,
    [JsonStringEnumMemberName("hybrid")]
    Hybrid,
    [JsonStringEnumMemberName("keyword")]
    Keyword,
}
