namespace Ragex.Core.Walk;

public sealed record WalkOptions
{
    public const long DefaultMaxFileSize = 1024 * 1024;

    /// <summary>Files larger than this many bytes are skipped (ripgrep's --max-filesize).</summary>
    public long MaxFileSize { get; init; } = DefaultMaxFileSize;
}
