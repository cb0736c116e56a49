using System.Numerics.Tensors;

namespace Ragex.Core.Embedding;

/// <summary>
/// Trains a static table so that the static vector of a text (the mean of its tokens' rows) points where the
/// transformer's vector of the same text does: loss 1 - cos(mean of rows, target), over the questions
/// <see cref="DocSentences"/> mines from code, the transformer's query vectors as targets (MinishLab's tokenlearn idea).
/// The static vector is linear in the bag of tokens, so only the rows of a batch's tokens move (lazy Adam), each row's
/// step scaled by its SIF weight. A tenth of the examples is held out: training stops when their loss stops falling,
/// and the table is left at its best epoch. One thread and a fixed seed: the same examples give the same bytes.
/// </summary>
public static class StaticTrainer
{
    /// <summary>A training text as the distinct ids of its tokens with their shares, and the target vector (unit length).</summary>
    public sealed record Example(int[] Ids, float[] Shares, float[] Target)
    {
        public static Example? Of(IReadOnlyList<int> tokenIds, float[] target)
        {
            if (tokenIds.Count == 0)
            {
                return null;
            }

            var counts = new SortedDictionary<int, int>();
            foreach (var id in tokenIds)
            {
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }

            return new Example([.. counts.Keys], [.. counts.Values.Select(c => (float)c / tokenIds.Count)], target);
        }
    }

    public sealed record Options
    {
        public double LearningRate { get; init; } = 1e-2;

        public int BatchSize { get; init; } = 32;

        public int MaxEpochs { get; init; } = 8;

        public int Patience { get; init; } = 2;

        public int Seed { get; init; } = 42;
    }

    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    /// <summary>Trains <paramref name="table"/> in place; returns the held-out loss before and after.</summary>
    public static (double Before, double After) Train(StaticTable table, IReadOnlyList<Example> examples, float[] rowScale, Options options, Action<string>? log = null)
    {
        var shuffled = examples.ToArray();
        new Random(options.Seed).Shuffle(shuffled);
        var held = shuffled.Length / 10;
        var validation = shuffled[..held];
        var train = shuffled[held..];
        var state = new AdamState(table);
        var before = Loss(table, validation);
        var best = (Loss: before, Values: (float[])table.Values.Clone());
        var order = Enumerable.Range(0, train.Length).ToArray();
        var random = new Random(options.Seed + 1);
        for (int epoch = 1, worse = 0; epoch <= options.MaxEpochs && worse < options.Patience; epoch++)
        {
            random.Shuffle(order);
            for (var start = 0; start < order.Length; start += options.BatchSize)
            {
                var batch = order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start));
                foreach (var index in batch)
                {
                    state.Accumulate(train[index], 1f / batch.Length);
                }

                state.Step(options.LearningRate, rowScale);
            }

            var loss = Loss(table, validation);
            log?.Invoke($"epoch {epoch}: held-out loss {loss:0.0000}");
            if (loss < best.Loss - 1e-5)
            {
                best = (loss, (float[])table.Values.Clone());
                worse = 0;
            }
            else
            {
                worse++;
            }
        }

        best.Values.CopyTo(table.Values, 0);
        return (before, best.Loss);
    }

    public static double Loss(StaticTable table, IReadOnlyList<Example> examples)
    {
        var vector = new float[table.Dimension];
        var total = 0.0;
        foreach (var example in examples)
        {
            var norm = Mean(table, example, vector);
            total += 1 - (norm == 0 ? 0 : TensorPrimitives.Dot(vector, example.Target) / norm);
        }

        return examples.Count == 0 ? 0 : total / examples.Count;
    }

    /// <summary>The weighted mean of the example's rows into <paramref name="vector"/>; returns its length.</summary>
    private static float Mean(StaticTable table, Example example, Span<float> vector)
    {
        vector.Clear();
        for (var k = 0; k < example.Ids.Length; k++)
        {
            TensorPrimitives.MultiplyAdd(table.Row(example.Ids[k]), example.Shares[k], vector, vector);
        }

        return TensorPrimitives.Norm(vector);
    }

    /// <summary>Adam's moments for every row, updated only for the rows a batch touched.</summary>
    private sealed class AdamState(StaticTable table)
    {
        private readonly float[] first = new float[table.Values.Length];
        private readonly float[] second = new float[table.Values.Length];
        private readonly float[] gradient = new float[table.Values.Length];
        private readonly SortedSet<int> touched = [];
        private readonly float[] vector = new float[table.Dimension];
        private readonly float[] direction = new float[table.Dimension];
        private int steps;

        /// <summary>Adds the gradient of 1 - cos(v, y) for one example: d/dv = -(y - cos u) / |v|, u = v / |v|.</summary>
        public void Accumulate(Example example, float scale)
        {
            var norm = Mean(table, example, vector);
            if (norm == 0)
            {
                return;
            }

            var cosine = TensorPrimitives.Dot(vector, example.Target) / norm;
            for (var j = 0; j < direction.Length; j++)
            {
                direction[j] = -(example.Target[j] - (cosine * vector[j] / norm)) / norm * scale;
            }

            var dimension = table.Dimension;
            for (var k = 0; k < example.Ids.Length; k++)
            {
                var row = gradient.AsSpan(example.Ids[k] * dimension, dimension);
                TensorPrimitives.MultiplyAdd(direction, example.Shares[k], row, row);
                touched.Add(example.Ids[k]);
            }
        }

        public void Step(double learningRate, float[] rowScale)
        {
            steps++;
            var rate = learningRate * Math.Sqrt(1 - Math.Pow(Beta2, steps)) / (1 - Math.Pow(Beta1, steps));
            var dimension = table.Dimension;
            foreach (var id in touched)
            {
                var rowRate = rate * rowScale[id];
                for (var j = id * dimension; j < (id + 1) * dimension; j++)
                {
                    var g = gradient[j];
                    first[j] = (float)((Beta1 * first[j]) + ((1 - Beta1) * g));
                    second[j] = (float)((Beta2 * second[j]) + ((1 - Beta2) * g * g));
                    table.Values[j] -= (float)(rowRate * first[j] / (Math.Sqrt(second[j]) + Epsilon));
                    gradient[j] = 0;
                }
            }

            touched.Clear();
        }
    }
}
