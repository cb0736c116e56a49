namespace Ragex.Core.Storage;

/// <summary>What the index knows of one file: enough to tell, without reading it, whether it may have changed.</summary>
public sealed record FileRecord(string Path, long Size, long MtimeTicks, string Sha256);
