using Ragex.Protocol;

namespace Ragex.Cli.Output;

/// <summary>The whole reply as one JSON document (snake_case fields).</summary>
public sealed class JsonFormatter : IHitFormatter
{
    public void Write(SearchReply reply, TextWriter writer) =>
        writer.WriteLine(OutputJson.Serialize(reply));
}
