namespace Ragex.Core.Embedding;

/// <summary>
/// Finds the static model of an installed transformer, distilling it first when it is missing or was made from
/// another model file or recipe (once: concurrent processes wait for the one that distils).
/// </summary>
public static class StaticModelStore
{
    public static StaticModel LoadOrDistill(EmbeddingModel source, StaticDistillOptions options, Action<string>? log = null)
    {
        if (StaticModel.IsInstalled(source, options.Recipe))
        {
            return StaticModel.Load(source);
        }

        using var exclusive = Lock(source);
        if (StaticModel.IsInstalled(source, options.Recipe))
        {
            return StaticModel.Load(source);
        }

        log?.Invoke($"distilling the static embedding model of {source.Id} ({options.Recipe}) into {source.Directory}");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var model = StaticModel.Install(source, StaticDistiller.Distill(source, options), options.Recipe);
        log?.Invoke($"distilled {model.Id} in {started.Elapsed.TotalSeconds:0.0} s");
        return model;
    }

    private static FileStream Lock(EmbeddingModel source)
    {
        var path = Path.Combine(source.Directory, "static.lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 600)
            {
                Thread.Sleep(500);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new RagexException($"cannot write the static embedding model into {source.Directory} ({e.Message}); run scripts/setup", e);
            }
        }
    }
}
