using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Ragex.Core.Embedding;

/// <summary>
/// Distils a static embedding table from a transformer, the way model2vec does: every vocabulary token but the
/// <c>[unused*]</c> placeholders runs alone as <c>[CLS] token [SEP]</c>, its states are pooled, the token matrix is
/// reduced by PCA (centred, not whitened) and each row weighted by SIF from its Zipf rank. Deterministic: the same
/// model gives the same bytes.
/// </summary>
public static class StaticDistiller
{
    public static StaticTable Distill(
        EmbeddingModel model, StaticDistillOptions options, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        using var teacher = new OnnxEmbedder(model, new EmbedderOptions { BatchSize = options.BatchSize, MaxTokens = 8 });
        var vocabulary = File.ReadAllLines(model.VocabularyPath);
        var kept = Enumerable.Range(0, vocabulary.Length)
            .Where(id => !vocabulary[id].StartsWith("[unused", StringComparison.Ordinal))
            .Take(options.TokenLimit ?? int.MaxValue)
            .ToArray();
        var pooled = Embed(teacher, kept, options, progress, cancellationToken);
        var reduced = Reduce(pooled, Math.Min(options.Dimension, Math.Min(model.Dimension, kept.Length)));
        Weigh(reduced, options.SifCoefficient);

        var dimension = reduced.ColumnCount;
        var values = new float[vocabulary.Length * dimension];
        for (var row = 0; row < kept.Length; row++)
        {
            for (var column = 0; column < dimension; column++)
            {
                values[(kept[row] * dimension) + column] = (float)reduced[row, column];
            }
        }

        return new StaticTable(vocabulary.Length, dimension, values);
    }

    private static Matrix<double> Embed(
        OnnxEmbedder teacher, int[] tokens, StaticDistillOptions options, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
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

            progress?.Report((start + batch.Length, tokens.Length));
        }

        return matrix;
    }

    /// <summary>Centres the rows and projects them on the covariance's leading eigenvectors (each signed so its largest component is positive).</summary>
    private static Matrix<double> Reduce(Matrix<double> rows, int dimension)
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

        return centred * components;
    }

    /// <summary>SIF: row r (in vocabulary order, Zipf rank r + 2) is scaled by a / (a + p), p = (1/rank) / Σ(1/rank).</summary>
    private static void Weigh(Matrix<double> rows, double coefficient)
    {
        var total = 0.0;
        for (var row = 0; row < rows.RowCount; row++)
        {
            total += 1.0 / (row + 2);
        }

        for (var row = 0; row < rows.RowCount; row++)
        {
            var probability = 1.0 / (row + 2) / total;
            rows.SetRow(row, rows.Row(row) * (coefficient / (coefficient + probability)));
        }
    }
}
