using Ragex.Protocol;

namespace Ragex.Cli.Mcp;

/// <summary>Writes a page of hits as one tool answer.</summary>
public interface IHitFormat
{
    string Render(HitPage page);

    /// <summary>Roughly what one hit adds to <see cref="Render"/>'s text (given the hit before it), for the token budget's estimate.</summary>
    string Entry(HitPage page, SearchHit hit, SearchHit? previous);
}
