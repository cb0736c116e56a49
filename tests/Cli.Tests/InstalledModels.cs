namespace Ragex.Cli.Tests;

/// <summary>The embedding models scripts/setup installed: $RAGEX_MODELS_DIR, else ~/.ragex/models.</summary>
public static class InstalledModels
{
    public static string Directory { get; } =
        Environment.GetEnvironmentVariable("RAGEX_MODELS_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ragex", "models");
}
