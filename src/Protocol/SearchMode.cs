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

    /// <summary>Where a symbol is used: its name as a whole word (ripgrep), its definition lines left out.</summary>
    [JsonStringEnumMemberName("references")]
    References,
}
