using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Ragex.Core.Embedding;

/// <summary>
/// Distils a static embedding table from a transformer, the way model2vec does: every vocabulary token but the
/// <c>[unused*]</c> placeholders runs alone as <c>[CLS] token [SEP]</c> and its states are pooled. Without training
/// questions the token matrix is reduced by PCA (centred, not whitened) and each row weighted by SIF from its Zipf rank.
/// With them (<see cref="TrainingQuestions"/>), the SIF-weighted rows are trained so that a question's static vector
/// points where the transformer's query vector of it does (<see cref="StaticTrainer"/>), then projected on the
/// leading principal components (the rows themselves, not centred: centring would undo what training placed).
/// Deterministic: the same model and questions give the same bytes.
/// </summary>
public static class StaticDistiller
{
    public static StaticTable Distill(
        EmbeddingModel model, StaticDistillOptions options, IReadOnlyList<string>? questions = null, Action<string>? log = null,
        CancellationToken cancellationToken = default)
    {
        var vocabulary = File.ReadAllLines(model.VocabularyPath);
        var kept = Enumerable.Range(0, vocabulary.Length)
            .Where(id => !vocabulary[id].StartsWith("[unused", StringComparison.Ordinal))
            .Take(options.TokenLimit ?? int.MaxValue)
            .ToArray();
        Matrix<double> pooled;
        using (var teacher = new OnnxEmbedder(model, new EmbedderOptions { BatchSize = options.BatchSize, MaxTokens = 8, Precision = EmbeddingPrecision.Float32 }))
        {
            pooled = Embed(teacher, kept, options, cancellationToken);
        }

        var dimension = Math.Min(options.Dimension, Math.Min(model.Dimension, kept.Length));
        if (questions is null || questions.Count < options.MinimumTrainingQuestions)
        {
            var reduced = Reduce(pooled, dimension, centre: true);
            Weigh(reduced, SifWeights(kept.Length, options.SifCoefficient));
            return Expand(reduced, kept, vocabulary.Length);
        }

        var weights = SifWeights(kept.Length, options.SifCoefficient);
        Weigh(pooled, weights);
        var table = Expand(pooled, kept, vocabulary.Length);
        var rowScale = new float[vocabulary.Length];
        for (var row = 0; row < kept.Length; row++)
        {
            rowScale[kept[row]] = (float)weights[row];
        }

        var examples = Examples(model, table, questions, log, cancellationToken);
        var (before, after) = StaticTrainer.Train(table, examples, rowScale, options.Training, log);
        log?.Invoke($"trained on {examples.Count} questions: held-out loss {before:0.0000} -> {after:0.0000}");
        var trained = Matrix<double>.Build.Dense(kept.Length, table.Dimension, (row, column) => table.Values[(kept[row] * table.Dimension) + column]);
        return Expand(Reduce(trained, dimension, centre: false), kept, vocabulary.Length);
    }

    /// <summary>Each question's static tokens and the transformer's query vector of it.</summary>
    private static List<StaticTrainer.Example> Examples(
        EmbeddingModel model, StaticTable table, IReadOnlyList<string> questions, Action<string>? log, CancellationToken cancellationToken)
    {
        var pieces = new BertPieces(model.CreateTokenizer());
        var examples = new List<StaticTrainer.Example>(questions.Count);
        using var teacher = new OnnxEmbedder(model, new EmbedderOptions { BatchSize = 32, MaxTokens = 64, Precision = EmbeddingPrecision.Float32 });
        var started = System.Diagnostics.Stopwatch.StartNew();
        foreach (var batch in questions.Chunk(512))
        {
            var targets = teacher.Embed(batch, EmbeddingPurpose.Query, cancellationToken);
            for (var i = 0; i < batch.Length; i++)
            {
                if (StaticTrainer.Example.Of(pieces.Ids(batch[i], StaticEmbedder.MaxTokens), targets[i]) is { } example)
                {
                    examples.Add(example);
                }
            }
        }

        log?.Invoke($"the transformer embedded {questions.Count} training questions in {started.Elapsed.TotalSeconds:0} s");
        return examples;
    }

    /// <summary>A full-vocabulary table from the kept tokens' rows; other rows stay zero.</summary>
    private static StaticTable Expand(Matrix<double> rows, int[] kept, int vocabularySize)
    {
        var dimension = rows.ColumnCount;
        var values = new float[vocabularySize * dimension];
        for (var row = 0; row < kept.Length; row++)
        {
            for (var column = 0; column < dimension; column++)
            {
                values[(kept[row] * dimension) + column] = (float)rows[row, column];
            }
        }

        return new StaticTable(vocabularySize, dimension, values);
    }

    private static Matrix<double> Embed(
        OnnxEmbedder teacher, int[] tokens, StaticDistillOptions options, CancellationToken cancellationToken)
    {
        var tokenizer = teacher.Tokenizer;
        var matrix = Matrix<double>.Build.Dense(tokens.Length, teacher.Dimension);
        for (var start = 0; start < tokens.Length; start += options.BatchSize)
        {
            var batch = tokens.AsSpan(start, Math.Min(options.BatchSize, tokens.Length - start)).ToArray();
            var vectors = teacher.EmbedTokenIds(
                [.. batch.Select(t => new[] { tokenizer.ClassificationTokenId, t, tokenizer.SeparatorTokenId })], options.Pooling, cancellationToken);
            for (var i = 0; i < vectors.Length; i++)
            {
                for (var column = 0; column < vectors[i].Length; column++)
                {
                    matrix[start + i, column] = vectors[i][column];
                }
            }

        }

        return matrix;
    }

    /// <summary>
    /// Projects the rows on the leading eigenvectors of their covariance (each signed so its largest component is
    /// positive); <paramref name="centre"/> subtracts the mean first.
    /// </summary>
    private static Matrix<double> Reduce(Matrix<double> rows, int dimension, bool centre)
    {
        var mean = rows.ColumnSums() / rows.RowCount;
        var centred = rows.MapIndexed((_, column, value) => value - mean[column]);
        var covariance = centred.TransposeThisAndMultiply(centred) / Math.Max(1, rows.RowCount - 1);
        var evd = covariance.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, evd.EigenValues.Count)
            .OrderByDescending(i => evd.EigenValues[i].Real)
            .ThenBy(i => i)
            .Take(dimension)
            .ToArray();
        var components = Matrix<double>.Build.Dense(rows.ColumnCount, dimension);
        for (var k = 0; k < order.Length; k++)
        {
            var vector = evd.EigenVectors.Column(order[k]);
            var largest = vector.AbsoluteMaximumIndex();
            components.SetColumn(k, vector[largest] < 0 ? -vector : vector);
        }

        return (centre ? centred : rows) * components;
    }

    /// <summary>SIF: the token of rank r + 2 in vocabulary order weighs a / (a + p), p = (1/rank) / Σ(1/rank).</summary>
    private static double[] SifWeights(int count, double coefficient)
    {
        var total = 0.0;
        for (var row = 0; row < count; row++)
        {
            total += 1.0 / (row + 2);
        }

        return [.. Enumerable.Range(0, count).Select(row => coefficient / (coefficient + (1.0 / (row + 2) / total)))];
    }

    private static void Weigh(Matrix<double> rows, double[] weights)
    {
        for (var row = 0; row < rows.RowCount; row++)
        {
            rows.SetRow(row, rows.Row(row) * weights[row]);
        }
    }
}
