using Ragex.Protocol;

namespace Ragex.Cli.Output;

/// <summary>Prints a search reply in one output format.</summary>
public interface IHitFormatter
{
    void Write(SearchReply reply, TextWriter writer);
}
