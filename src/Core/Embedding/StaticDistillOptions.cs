namespace Ragex.Core.Embedding;

/// <summary>How a static table is made from a transformer: model2vec's distillation, then training on questions.</summary>
public sealed record StaticDistillOptions
{
    /// <summary>Width of the table after PCA.</summary>
    public int Dimension { get; init; } = 256;

    /// <summary>How each token's <c>[CLS] token [SEP]</c> states become its row: mean over all positions measured best.</summary>
    public EmbeddingPooling Pooling { get; init; } = EmbeddingPooling.Mean;

    /// <summary>SIF coefficient <c>a</c> of the weights <c>a / (a + p)</c>, p the token's Zipf probability by vocabulary rank.</summary>
    public double SifCoefficient { get; init; } = 1e-4;

    /// <summary>Tokens run through the model at once.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Distil only the first this many tokens (tests); null for the whole vocabulary.</summary>
    public int? TokenLimit { get; init; }

    /// <summary>Source trees the training questions are mined from (<see cref="TrainingQuestions"/>); none: no training.</summary>
    public IReadOnlyList<string> TrainingSources { get; init; } = [];

    /// <summary>Directory names never mined: the evaluated repositories, vendored copies, tests.</summary>
    public IReadOnlyList<string> TrainingExcluded { get; init; } = [];

    /// <summary>Questions the table is trained on (the transformer embeds each once: about two minutes for 20,000).</summary>
    public int TrainingQuestions { get; init; } = 20_000;

    /// <summary>Fewer questions than this found: the table stays the plain distillation.</summary>
    public int MinimumTrainingQuestions { get; init; } = 1_000;

    public StaticTrainer.Options Training { get; init; } = new();

    /// <summary>Names the recipe in static.json, so a table made another way is made again.</summary>
    public string Recipe => FormattableString.Invariant(
        $"model2vec-{Pooling.ToString().ToLowerInvariant()}-pca{Dimension}-sif{SifCoefficient:R}")
        + (TrainingSources.Count == 0 ? "-v1" : FormattableString.Invariant($"-trained{TrainingQuestions}-{Sources()}-v3"));

    private string Sources() => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(string.Join('\n', TrainingSources) + "\0" + string.Join('\n', TrainingExcluded))))[..12];
}
