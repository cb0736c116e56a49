using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace Ragex.Core.Embedding;

/// <summary>
/// A sentence-embedding model installed by <c>scripts/fetch-model</c>: a directory holding <c>model.onnx</c>, the
/// WordPiece <c>vocab.txt</c> and <c>manifest.json</c>, which describes how to run them.
/// </summary>
/// <param name="Id">Directory name, e.g. <c>arctic-embed-xs</c>.</param>
/// <param name="Directory">Absolute path of the model directory.</param>
/// <param name="Dimension">Length of the sentence vector.</param>
/// <param name="MaxTokens">Longest input the model was trained for, special tokens included.</param>
/// <param name="Pooling">How token vectors are combined; what the model was trained with.</param>
/// <param name="QueryPrefix">Prepended to queries (not documents); empty for symmetric models.</param>
/// <param name="LowerCase">Whether the vocabulary is uncased.</param>
/// <param name="Package">NuGet package the files were extracted from.</param>
/// <param name="Version">Version of that package.</param>
public sealed record EmbeddingModel(
    string Id,
    string Directory,
    int Dimension,
    int MaxTokens,
    EmbeddingPooling Pooling,
    string QueryPrefix,
    bool LowerCase,
    string Package,
    string Version)
{
    public const string ManifestFileName = "manifest.json";
    public const string ModelFileName = "model.onnx";
    public const string VocabularyFileName = "vocab.txt";

    /// <summary>The int8 graph, written beside the model on first need (scripts/setup does it ahead).</summary>
    public const string QuantizedModelFileName = "model.int8.onnx";

    public string ModelPath => Path.Combine(Directory, ModelFileName);

    public string VocabularyPath => Path.Combine(Directory, VocabularyFileName);

    public string QuantizedModelPath => Path.Combine(Directory, QuantizedModelFileName);

    /// <summary>The graph to run at a precision, quantizing the model first when its int8 graph is missing (a second or two).</summary>
    public string ModelPathFor(EmbeddingPrecision precision)
    {
        if (precision == EmbeddingPrecision.Float32)
        {
            return ModelPath;
        }

        if (!File.Exists(QuantizedModelPath))
        {
            try
            {
                OnnxQuantizer.Quantize(ModelPath, QuantizedModelPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Google.Protobuf.InvalidProtocolBufferException)
            {
                throw new RagexException($"Embedding model '{Id}' could not be quantized into {QuantizedModelPath} ({e.Message}); run scripts/setup", e);
            }
        }

        return QuantizedModelPath;
    }

    /// <summary>
    /// The model's WordPiece tokenizer, with the same normalisation as the Hugging Face BertTokenizer these uncased
    /// models were trained with: lower-case, strip accents (strip_accents follows do_lower_case), split CJK characters
    /// and punctuation.
    /// </summary>
    public BertTokenizer CreateTokenizer() => BertTokenizer.Create(VocabularyPath, new BertOptions
    {
        LowerCaseBeforeTokenization = LowerCase,
        RemoveNonSpacingMarks = LowerCase,
        ApplyBasicTokenization = true,
        IndividuallyTokenizeCjk = true,
    });

    /// <summary>The SHA-256 of model.onnx recorded in the manifest: what a derived static table is tagged with.</summary>
    public string ModelSha256 { get; init; } = "";

    /// <summary>
    /// Reads <c>&lt;modelsDir&gt;/&lt;id&gt;/manifest.json</c> and checks that both files are there with the sizes it
    /// records (checksums are verified by <c>scripts/fetch-model</c>, not on every start).
    /// </summary>
    /// <exception cref="RagexException">The model is not installed, or its files are incomplete.</exception>
    public static EmbeddingModel Locate(string modelsDir, string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelsDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);

        var directory = Path.GetFullPath(Path.Combine(modelsDir, id));
        var manifestPath = Path.Combine(directory, ManifestFileName);
        if (!File.Exists(manifestPath))
        {
            throw new RagexException(
                $"Embedding model '{id}' is not installed (no {manifestPath}); run scripts/fetch-model {id}");
        }

        try
        {
            using var manifest = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
            var root = manifest.RootElement;
            var model = new EmbeddingModel(
                Id: root.GetProperty("id").GetString() ?? "",
                Directory: directory,
                Dimension: root.GetProperty("dimension").GetInt32(),
                MaxTokens: root.GetProperty("maxSequenceLength").GetInt32(),
                Pooling: ParsePooling(root.GetProperty("pooling").GetString()),
                QueryPrefix: root.GetProperty("queryPrefix").GetString() ?? "",
                LowerCase: root.GetProperty("lowerCase").GetBoolean(),
                Package: root.GetProperty("package").GetString() ?? "",
                Version: root.GetProperty("version").GetString() ?? "")
            {
                ModelSha256 = root.GetProperty("files").GetProperty(ModelFileName).TryGetProperty("sha256", out var sha) ? sha.GetString() ?? "" : "",
            };

            if (model.Id != id)
            {
                throw new InvalidDataException($"it names model '{model.Id}'");
            }
            if (model.Dimension <= 0 || model.MaxTokens < 2)
            {
                throw new InvalidDataException($"dimension {model.Dimension} / maxSequenceLength {model.MaxTokens} are not valid");
            }

            var files = root.GetProperty("files");
            foreach (var name in new[] { ModelFileName, VocabularyFileName })
            {
                var path = Path.Combine(directory, name);
                var expected = files.GetProperty(name).GetProperty("bytes").GetInt64();
                var actual = File.Exists(path) ? new FileInfo(path).Length : -1;
                if (actual != expected)
                {
                    throw new InvalidDataException(actual < 0
                        ? $"{name} is missing"
                        : $"{name} has {actual} bytes, the manifest says {expected}");
                }
            }

            return model;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException
                                      or FormatException or InvalidDataException)
        {
            throw new RagexException(
                $"Embedding model '{id}' in {directory} is damaged ({e.Message}); run scripts/fetch-model {id}", e);
        }
    }

    private static EmbeddingPooling ParsePooling(string? value) => value switch
    {
        "cls" => EmbeddingPooling.Cls,
        "mean" => EmbeddingPooling.Mean,
        _ => throw new InvalidDataException($"unknown pooling '{value}'"),
    };
}
