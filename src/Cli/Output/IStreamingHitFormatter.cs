namespace Ragex.Cli.Output;

/// <summary>A format that can print each hit as the search finds it (a regex search's, <c>SearchEngine.StreamRegexAsync</c>).</summary>
public interface IStreamingHitFormatter : IHitFormatter
{
    IHitStream Open(TextWriter writer);
}
