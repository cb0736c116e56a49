namespace Ragex.Core.Walk;

/// <summary>A candidate file found by the walk: its path relative to the root ('/' separators), size and mtime.</summary>
public sealed record WalkedFile(string FullPath, string RelativePath, long Size, long MtimeTicks);
