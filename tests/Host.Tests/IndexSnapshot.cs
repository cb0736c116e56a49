using Microsoft.Data.Sqlite;
using Ragex.Core.Configuration;
using Ragex.Core.Projects;
using Ragex.Core.Storage;

namespace Ragex.Host.Tests;

/// <summary>What an index holds that must not depend on how it was built: every chunk id with its stored vector.</summary>
public sealed record IndexSnapshot(IReadOnlyDictionary<long, float[]?> Vectors)
{
    public static IndexSnapshot Read(string home, string root)
    {
        var project = new ProjectRegistry(new RagexHome(home)).Describe(root);
        var vectors = new Dictionary<long, float[]?>();
        using var connection = new SqliteConnection($"Data Source={project.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, embedding FROM chunks";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            vectors[reader.GetInt64(0)] = reader.IsDBNull(1) ? null : EmbeddingBlob.ToVector((byte[])reader[1]);
        }

        return new IndexSnapshot(vectors);
    }

    /// <summary>The largest difference of one vector component between two indexes of the same chunks.</summary>
    public double MaxDifference(IndexSnapshot other) => Vectors.Max(pair =>
        pair.Value!.Zip(other.Vectors[pair.Key]!, (a, b) => (double)Math.Abs(a - b)).Max());
}
