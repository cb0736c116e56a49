namespace Ragex.Core.Embedding;

/// <summary>
/// Finds the static model of an installed transformer, distilling it first when it is missing (once: concurrent
/// processes wait for the one that distils). <c>ragexd prepare-models</c> (setup) asks for the configured recipe and
/// makes the table again when it was made another way; engines just load the installed one.
/// </summary>
public static class StaticModelStore
{
    public static StaticModel LoadOrDistill(EmbeddingModel source, StaticDistillOptions options, Action<string>? log = null, bool anyRecipe = false)
    {
        if (anyRecipe && StaticModel.IsInstalled(source, recipe: null))
        {
            return StaticModel.Load(source);
        }

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
        var questions = options.TrainingSources.Count == 0
            ? []
            : TrainingQuestions.Mine(options.TrainingSources, options.TrainingExcluded, options.TrainingQuestions);
        if (options.TrainingSources.Count > 0)
        {
            log?.Invoke($"{questions.Count} training questions from {string.Join(", ", options.TrainingSources.Where(Directory.Exists))}");
        }

        var model = StaticModel.Install(source, StaticDistiller.Distill(source, options, questions, log), options.Recipe);
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
