using System.Text.Json.Serialization;

namespace Ragex.Protocol;

/// <summary>How current a project's index was when a search was answered.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IndexState>))]
public enum IndexState
{
    /// <summary>Every change the watcher reported is committed.</summary>
    [JsonStringEnumMemberName("fresh")]
    Fresh,

    /// <summary>Changed files are queued or being indexed; the answer reflects the index before them.</summary>
    [JsonStringEnumMemberName("behind")]
    Behind,

    /// <summary>The file watcher could not run (e.g. the inotify watch limit); changes arrive by a periodic rescan.</summary>
    [JsonStringEnumMemberName("polling")]
    Polling,
}
