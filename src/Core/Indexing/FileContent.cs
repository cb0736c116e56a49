using System.Security.Cryptography;

namespace Ragex.Core.Indexing;

/// <summary>Reads a file once for both its hash and a binary check (a NUL byte in the first 8 KiB, as git and ripgrep do).</summary>
internal static class FileContent
{
    private const int BinaryProbeLength = 8192;

    public static (string Sha256, bool IsBinary) Inspect(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var isBinary = bytes.AsSpan(0, Math.Min(bytes.Length, BinaryProbeLength)).Contains((byte)0);
        return (Convert.ToHexStringLower(SHA256.HashData(bytes)), isBinary);
    }
}
