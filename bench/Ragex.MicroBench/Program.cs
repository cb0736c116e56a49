using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Micro-benchmarks of the engine's hot paths (tokenizer, embedder batch, FAISS flat search, RRF fusion). Short runs
// in process (no generated project to build), so the whole suite takes a few minutes; scripts/bench runs it and
// copies the medians into bench/results/latest.json. Usage: Ragex.MicroBench [--artifacts DIR] [BenchmarkDotNet args]
// `Ragex.MicroBench vectors [N] [--hnsw] [--out DIR]` instead measures the vector index at scale (VectorScaleBench).
if (args.Length > 0 && args[0] == "vectors")
{
    return Ragex.MicroBench.VectorScaleBench.Run(args);
}

var config = ManualConfig.CreateMinimumViable()
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .AddExporter(JsonExporter.Brief)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(Ragex.MicroBench.SampleTexts).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
return 0;
