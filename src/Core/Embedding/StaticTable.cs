using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Ragex.Core.Embedding;

/// <summary>
/// A static embedding table: one row of <see cref="Dimension"/> floats per vocabulary token id (rows of tokens left
/// out of distillation are zero). Stored as a small header and little-endian float32 values.
/// </summary>
public sealed class StaticTable
{
    private static ReadOnlySpan<byte> Magic => "RGXSTAT1"u8;

    public StaticTable(int rows, int dimension, float[] values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (values.Length != (long)rows * dimension)
        {
            throw new ArgumentException($"{values.Length} values are not {rows} rows of {dimension}", nameof(values));
        }

        Rows = rows;
        Dimension = dimension;
        Values = values;
    }

    public int Rows { get; }

    public int Dimension { get; }

    /// <summary>Row-major values: row <c>t</c> is <c>Values[t * Dimension .. (t + 1) * Dimension]</c>.</summary>
    public float[] Values { get; }

    public ReadOnlySpan<float> Row(int token) => Values.AsSpan(token * Dimension, Dimension);

    /// <summary>The file's bytes: header, then the values.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Magic.Length + 8 + (Values.Length * sizeof(float))];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(Magic.Length), Rows);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(Magic.Length + 4), Dimension);
        var values = bytes.AsSpan(Magic.Length + 8);
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(Values.AsSpan()).CopyTo(values);
        }
        else
        {
            for (var i = 0; i < Values.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(values[(i * sizeof(float))..], Values[i]);
            }
        }

        return bytes;
    }

    /// <summary>Writes the table atomically (temporary file, then rename) and returns the SHA-256 of its bytes.</summary>
    public string Save(string path)
    {
        var bytes = ToBytes();
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>Reads a table, checking its SHA-256 when one is given.</summary>
    /// <exception cref="InvalidDataException">The file is not a table, is cut short, or does not match the checksum.</exception>
    public static StaticTable Load(string path, string? expectedSha256 = null)
    {
        var bytes = File.ReadAllBytes(path);
        if (expectedSha256 is not null && !string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{path} does not match its checksum");
        }

        if (bytes.Length < Magic.Length + 8 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path} is not a static embedding table");
        }

        var rows = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length));
        var dimension = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length + 4));
        var data = bytes.AsSpan(Magic.Length + 8);
        if (rows < 1 || dimension < 1 || data.Length != (long)rows * dimension * sizeof(float))
        {
            throw new InvalidDataException($"{path} is cut short or damaged");
        }

        var values = new float[rows * dimension];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(i * sizeof(float))..]);
        }

        return new StaticTable(rows, dimension, values);
    }
}
