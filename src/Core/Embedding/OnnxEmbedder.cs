using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace Ragex.Core.Embedding;

/// <summary>
/// Runs a BERT-style sentence-embedding model (<see cref="EmbeddingModel"/>) with ONNX Runtime on the CPU: WordPiece
/// tokenization with Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/>, length-sorted padded batches, the model's
/// own pooling over <c>last_hidden_state</c>, then L2 normalisation.
/// </summary>
/// <remarks>
/// The model and vocabulary are loaded on the first <see cref="Embed"/>, once, even when called from many threads, and
/// given back by <see cref="ReleaseIfIdle"/> (loaded again by the next call). <see cref="Embed"/> may run concurrently;
/// dispose only after every call has returned.
/// </remarks>
public sealed class OnnxEmbedder : IEmbedder, IDisposable
{
    private readonly EmbedderOptions options;
    private Lazy<Runtime> runtime;
    private long lastUsedTicks = Environment.TickCount64;

    // Calls hold it shared; Dispose takes it exclusively, so the native session is never freed under a running call.
    private readonly ReaderWriterLockSlim inUse = new();
    private int disposed;

    public OnnxEmbedder(EmbeddingModel model, EmbedderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        this.options = options ?? new EmbedderOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.BatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(this.options.MaxTokens, 2, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(this.options.IntraOpThreads, nameof(options));

        Model = model;
        MaxTokens = Math.Min(this.options.MaxTokens, model.MaxTokens);
        runtime = NewRuntime();
    }

    public EmbeddingModel Model { get; }

    public int Dimension => Model.Dimension;

    /// <summary>Tokens per text after truncation, <c>[CLS]</c> and <c>[SEP]</c> included.</summary>
    public int MaxTokens { get; }

    public float[][] Embed(IReadOnlyList<string> texts, EmbeddingPurpose purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        inUse.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            return EmbedWhileInUse(texts, purpose, cancellationToken);
        }
        finally
        {
            Volatile.Write(ref lastUsedTicks, Environment.TickCount64);
            inUse.ExitReadLock();
        }
    }

    public bool IsDisposed => Volatile.Read(ref disposed) != 0;

    /// <summary>Whether the model's weights are in memory now.</summary>
    public bool IsLoaded => Volatile.Read(ref runtime).IsValueCreated;

    /// <summary>
    /// Frees the loaded model (about 100 MiB of native memory for arctic-embed-xs) when no call has run for
    /// <paramref name="idleFor"/> and none is running; the next call loads it again. Never waits for a running call.
    /// </summary>
    public bool ReleaseIfIdle(TimeSpan idleFor)
    {
        if (!IsLoaded || Environment.TickCount64 - Volatile.Read(ref lastUsedTicks) < idleFor.TotalMilliseconds || !inUse.TryEnterWriteLock(0))
        {
            return false;
        }

        try
        {
            if (IsDisposed || !runtime.IsValueCreated)
            {
                return false;
            }

            runtime.Value.Dispose();
            runtime = NewRuntime();
            return true;
        }
        finally
        {
            inUse.ExitWriteLock();
        }
    }

    private Lazy<Runtime> NewRuntime() => new(() => Runtime.Load(Model, options), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Runs token-id sequences that are already complete (special tokens included) and pools each as asked, without
    /// normalising: what distilling a static table from this model needs (<see cref="StaticDistiller"/>).
    /// </summary>
    public float[][] EmbedTokenIds(IReadOnlyList<int[]> tokenIds, EmbeddingPooling pooling, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        inUse.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            return RunByLength(runtime.Value, [.. tokenIds], pooling, normalize: false, cancellationToken);
        }
        finally
        {
            Volatile.Write(ref lastUsedTicks, Environment.TickCount64);
            inUse.ExitReadLock();
        }
    }

    /// <summary>The vocabulary's WordPiece tokenizer, as the model runs it.</summary>
    public BertTokenizer Tokenizer => runtime.Value.Tokenizer;

    public void Dispose()
    {
        inUse.EnterWriteLock();
        try
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0 && runtime.IsValueCreated)
            {
                runtime.Value.Dispose();
            }
        }
        finally
        {
            inUse.ExitWriteLock();
        }
    }

    private float[][] EmbedWhileInUse(IReadOnlyList<string> texts, EmbeddingPurpose purpose, CancellationToken cancellationToken)
    {
        if (texts.Count == 0)
        {
            return [];
        }

        var loaded = runtime.Value;
        var prefix = purpose == EmbeddingPurpose.Query ? Model.QueryPrefix : "";
        var tokenIds = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            tokenIds[i] = loaded.Tokenize(prefix + texts[i], MaxTokens);
        }

        return RunByLength(loaded, tokenIds, Model.Pooling, normalize: true, cancellationToken);
    }

    /// <summary>
    /// Runs the sequences in batches of similar length, so padding (which costs as much compute as real tokens) stays
    /// small; the vectors come back in input order.
    /// </summary>
    private float[][] RunByLength(Runtime loaded, int[][] tokenIds, EmbeddingPooling pooling, bool normalize, CancellationToken cancellationToken)
    {
        var vectors = new float[tokenIds.Length][];
        var order = Enumerable.Range(0, tokenIds.Length).OrderBy(i => tokenIds[i].Length).ToArray();
        for (var start = 0; start < order.Length; start += options.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start));
            loaded.Run(batch, tokenIds, vectors, pooling, normalize, cancellationToken);
        }

        return vectors;
    }

    private sealed class Runtime : IDisposable
    {
        private const string HiddenStateOutput = "last_hidden_state";

        private readonly EmbeddingModel model;
        private readonly InferenceSession session;
        private readonly BertTokenizer tokenizer;
        private readonly bool takesTokenTypeIds;

        private Runtime(EmbeddingModel model, InferenceSession session, BertTokenizer tokenizer)
        {
            this.model = model;
            this.session = session;
            this.tokenizer = tokenizer;
            takesTokenTypeIds = session.InputMetadata.ContainsKey("token_type_ids");
        }

        public static Runtime Load(EmbeddingModel model, EmbedderOptions options)
        {
            // Same normalisation as the Hugging Face BertTokenizer these uncased models were trained with: lower-case,
            // strip accents (strip_accents follows do_lower_case), split CJK characters and punctuation.
            var tokenizer = model.CreateTokenizer();

            using var sessionOptions = new SessionOptions
            {
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                InterOpNumThreads = 1,
            };
            if (options.IntraOpThreads > 0)
            {
                sessionOptions.IntraOpNumThreads = options.IntraOpThreads;
            }

            // Idle intra-op threads sleep instead of spinning: with 2 threads spinning cost 18-49 % more CPU for the same
            // work on 2 cores, CPU that searches and parsing need while the transformer tier runs in the background.
            sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            var session = new InferenceSession(model.ModelPathFor(options.Precision), sessionOptions);
            try
            {
                foreach (var input in new[] { "input_ids", "attention_mask" })
                {
                    if (!session.InputMetadata.ContainsKey(input))
                    {
                        throw new RagexException($"Embedding model '{model.Id}' has no '{input}' input; run scripts/fetch-model {model.Id}");
                    }
                }
                if (!session.OutputMetadata.TryGetValue(HiddenStateOutput, out var output) || output.Dimensions is not [_, _, var width] || width != model.Dimension)
                {
                    throw new RagexException($"Embedding model '{model.Id}' has no {HiddenStateOutput} output of width {model.Dimension}; run scripts/fetch-model {model.Id}");
                }
                return new Runtime(model, session, tokenizer);
            }
            catch
            {
                session.Dispose();
                throw;
            }
        }

        /// <summary><c>[CLS] wordpieces [SEP]</c>, at most <paramref name="maxTokens"/> ids in all.</summary>
        public int[] Tokenize(string text, int maxTokens) =>
            [.. tokenizer.EncodeToIds(BertText.Clean(text), maxTokens, addSpecialTokens: true, out _, out _)];

        public BertTokenizer Tokenizer => tokenizer;

        public void Run(
            ReadOnlySpan<int> batch, int[][] tokenIds, float[][] vectors, EmbeddingPooling pooling, bool normalize, CancellationToken cancellationToken)
        {
            var rows = batch.Length;
            var columns = 0;
            foreach (var index in batch)
            {
                columns = Math.Max(columns, tokenIds[index].Length);
            }

            var ids = new long[rows * columns];
            var mask = new long[rows * columns];
            if (tokenizer.PaddingTokenId != 0)
            {
                Array.Fill(ids, tokenizer.PaddingTokenId);
            }
            for (var row = 0; row < rows; row++)
            {
                var tokens = tokenIds[batch[row]];
                for (var column = 0; column < tokens.Length; column++)
                {
                    ids[row * columns + column] = tokens[column];
                    mask[row * columns + column] = 1;
                }
            }

            long[] shape = [rows, columns];
            var names = new List<string>(3) { "input_ids", "attention_mask" };
            var values = new List<OrtValue>(3)
            {
                OrtValue.CreateTensorValueFromMemory(ids, shape),
                OrtValue.CreateTensorValueFromMemory(mask, shape),
            };
            try
            {
                if (takesTokenTypeIds)
                {
                    names.Add("token_type_ids");
                    values.Add(OrtValue.CreateTensorValueFromMemory(new long[rows * columns], shape));
                }

                using var runOptions = new RunOptions();
                using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
                IDisposableReadOnlyCollection<OrtValue> outputs;
                try
                {
                    outputs = session.Run(runOptions, names, values, [HiddenStateOutput]);
                }
                catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }

                using (outputs)
                {
                    var hidden = outputs[0].GetTensorDataAsSpan<float>();
                    var dimension = model.Dimension;
                    for (var row = 0; row < rows; row++)
                    {
                        var states = hidden.Slice(row * columns * dimension, columns * dimension);
                        vectors[batch[row]] = SentencePooler.Pool(states, tokenIds[batch[row]].Length, dimension, pooling, normalize);
                    }
                }
            }
            finally
            {
                foreach (var value in values)
                {
                    value.Dispose();
                }
            }
        }

        public void Dispose() => session.Dispose();
    }
}
