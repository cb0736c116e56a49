using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ragex.Core;

namespace Ragex.Cli.Mcp;

/// <summary>
/// Where the next page of a ranking starts, and which ranking: a fingerprint of the tool and the arguments that shape
/// the ranking (not the page size, budget or format), so a cursor passed with other arguments is refused.
/// </summary>
public sealed record PageCursor(string Fingerprint, int Offset)
{
    private const string Prefix = "r1";

    public static string FingerprintOf(params string?[] parts)
    {
        var joined = string.Join('\u001f', parts.Select(p => p ?? "\u0000"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)))[..12];
    }

    public override string ToString() => $"{Prefix}.{Fingerprint}.{Offset.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The offset a cursor names, after checking it was made for this ranking; 0 without a cursor.</summary>
    public static int OffsetIn(string? cursor, string fingerprint)
    {
        if (string.IsNullOrWhiteSpace(cursor))
        {
            return 0;
        }

        var parts = cursor.Trim().Split('.');
        if (parts.Length != 3 || parts[0] != Prefix || parts[1].Length != 12
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var offset) || offset < 1)
        {
            throw new RagexException($"invalid cursor \"{cursor}\": pass next_cursor from the previous answer unchanged");
        }

        return parts[1] == fingerprint
            ? offset
            : throw new RagexException($"cursor \"{cursor}\" belongs to another query or other options: repeat the call that returned it, changing only cursor");
    }
}
