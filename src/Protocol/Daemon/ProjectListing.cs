namespace Ragex.Protocol.Daemon;

/// <summary>One registered project as `ragex ls` shows it; <paramref name="LastIndexed"/> is ISO 8601 or "never".</summary>
public sealed record ProjectListing(string Id, string Root, long Files, long Symbols, long Chunks, long EmbeddedChunks, string LastIndexed);
