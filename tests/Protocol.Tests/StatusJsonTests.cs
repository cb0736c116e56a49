using System.Text.Json;
using Ragex.Protocol.Daemon;

namespace Ragex.Protocol.Tests;

/// <summary>`ragex status --json` spells states and phases as lowercase words, and the text output uses the same ones.</summary>
public sealed class StatusJsonTests
{
    [Fact]
    public void A_project_status_has_its_state_and_phase_as_words_and_no_phase_when_idle()
    {
        var indexing = new ProjectStatus("abc", "/src", ProjectState.Indexing, 10, 50, 40, 0, null) { Phase = IndexPhase.Parsing };
        var idle = indexing with { State = ProjectState.Watching, Phase = null };

        using var busy = JsonDocument.Parse(JsonSerializer.Serialize(new DaemonStatus("1.0", 1, 1, 1, [indexing, idle]), ProtocolJsonContext.Default.DaemonStatus));
        var projects = busy.RootElement.GetProperty("projects");

        Assert.Equal(("indexing", "parsing"), (projects[0].GetProperty("state").GetString(), projects[0].GetProperty("phase").GetString()));
        Assert.Equal("watching", projects[1].GetProperty("state").GetString());
        Assert.False(projects[1].TryGetProperty("phase", out _));
    }

    [Fact]
    public void Text_names_are_the_json_names()
    {
        foreach (var state in Enum.GetValues<ProjectState>())
        {
            Assert.Equal($"\"{StatusNames.Of(state)}\"", JsonSerializer.Serialize(state, ProtocolJsonContext.Default.ProjectState));
        }

        foreach (var phase in Enum.GetValues<IndexPhase>())
        {
            Assert.Equal($"\"{StatusNames.Of(phase)}\"", JsonSerializer.Serialize(phase, ProtocolJsonContext.Default.IndexPhase));
        }
    }
}
