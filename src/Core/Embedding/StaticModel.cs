using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ragex.Core.Embedding;

/// <summary>
/// The static embedding model derived from an installed transformer (<see cref="StaticDistiller"/>): its table
/// (<c>static.bin</c>) beside the transformer's files, described by <c>static.json</c> (the source model's checksum,
/// the recipe, the table's checksum). A table made from another model file or by another recipe is stale.
/// </summary>
public sealed record StaticModel(EmbeddingModel Source, StaticTable Table, string Sha256, string Recipe)
{
    public const string TableFileName = "static.bin";
    public const string ManifestFileName = "static.json";

    /// <summary>Names this table in an index (meta): a new table re-embeds the static tier, never the transformer's.</summary>
    public string Id => $"{Source.Id}/static-{Sha256[..12]}";

    public int Dimension => Table.Dimension;

    public static string TablePath(EmbeddingModel source) => Path.Combine(source.Directory, TableFileName);

    public static string ManifestPath(EmbeddingModel source) => Path.Combine(source.Directory, ManifestFileName);

    /// <summary>Whether a table made from this very model file (by <paramref name="recipe"/>, unless null) is installed.</summary>
    public static bool IsInstalled(EmbeddingModel source, string? recipe)
    {
        var manifest = ReadManifest(source);
        return manifest is not null && File.Exists(TablePath(source))
            && (string?)manifest["sourceSha256"] == source.ModelSha256 && (recipe is null || (string?)manifest["recipe"] == recipe);
    }

    /// <summary>Loads the installed table, verifying its checksum.</summary>
    /// <exception cref="RagexException">There is none, or it is damaged.</exception>
    public static StaticModel Load(EmbeddingModel source)
    {
        var manifest = ReadManifest(source)
            ?? throw new RagexException($"static embedding model of '{source.Id}' is not installed (no {ManifestPath(source)}); run scripts/setup");
        try
        {
            var sha = (string?)manifest["sha256"] ?? throw new InvalidDataException("no sha256");
            var table = StaticTable.Load(TablePath(source), sha);
            return new StaticModel(source, table, sha, (string?)manifest["recipe"] ?? "");
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new RagexException($"static embedding model of '{source.Id}' is damaged ({e.Message}); run scripts/setup", e);
        }
    }

    /// <summary>Writes the table, then its manifest (so a manifest never names a table that is not complete).</summary>
    public static StaticModel Install(EmbeddingModel source, StaticTable table, string recipe)
    {
        var sha = table.Save(TablePath(source));
        var manifest = new JsonObject
        {
            ["source"] = source.Id,
            ["sourceSha256"] = source.ModelSha256,
            ["recipe"] = recipe,
            ["rows"] = table.Rows,
            ["dimension"] = table.Dimension,
            ["sha256"] = sha,
        };
        var temporary = ManifestPath(source) + ".tmp";
        File.WriteAllText(temporary, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, ManifestPath(source), overwrite: true);
        return new StaticModel(source, table, sha, recipe);
    }

    private static JsonNode? ReadManifest(EmbeddingModel source)
    {
        try
        {
            return File.Exists(ManifestPath(source)) ? JsonNode.Parse(File.ReadAllText(ManifestPath(source))) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
