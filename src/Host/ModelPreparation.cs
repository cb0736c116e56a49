using Ragex.Core;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Settings;

namespace Ragex.Host;

/// <summary><c>ragexd prepare-models</c>: makes sure the configured model's static table is distilled (quiet when it is).</summary>
public static class ModelPreparation
{
    public static int Run(RagexHome home)
    {
        try
        {
            var config = RagexSettings.Load(home);
            var settings = RagexSettings.From(config);
            var source = EmbeddingModel.Locate(EmbedderProvider.ModelsDirectoryFor(home), settings.EmbeddingModel);
            if (settings.Embedder.Precision == EmbeddingPrecision.Int8 && !File.Exists(source.QuantizedModelPath))
            {
                source.ModelPathFor(EmbeddingPrecision.Int8);
                Console.Error.WriteLine($"ragexd: quantized {source.Id} to int8 ({source.QuantizedModelPath})");
            }

            if (settings.Tiers.HasFlag(EmbeddingTiers.Static))
            {
                StaticModelStore.LoadOrDistill(source, RagexSettings.StaticDistillation(config), message => Console.Error.WriteLine($"ragexd: {message}"));
            }

            return 0;
        }
        catch (RagexException e)
        {
            Console.Error.WriteLine($"ragexd: {e.Message}");
            return 2;
        }
    }
}
