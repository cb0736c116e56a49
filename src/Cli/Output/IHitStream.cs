using Ragex.Protocol;

namespace Ragex.Cli.Output;

/// <summary>One output of a format that prints hits one at a time, as a search finds them.</summary>
public interface IHitStream
{
    void Write(SearchHit hit);

    /// <summary>After the last hit: what the format prints of the reply itself (its hits were written already).</summary>
    void End(SearchReply reply);
}
