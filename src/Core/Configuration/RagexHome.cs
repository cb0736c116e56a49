namespace Ragex.Core.Configuration;

/// <summary>The per-user data directory (<c>$RAGEX_HOME</c>, default <c>~/.ragex</c>), private to its owner.</summary>
public sealed record RagexHome(string Directory)
{
    public const string EnvironmentVariable = "RAGEX_HOME";

    public string ProjectsDirectory => Path.Combine(Directory, "projects");

    public string ModelsDirectory => Path.Combine(Directory, "models");

    /// <summary>The user's settings file: overrides of hocon/ragex.hocon, read by the daemon and `--no-daemon` (and by clients for TLS).</summary>
    public string ConfigPath => Path.Combine(Directory, "ragex.hocon");

    /// <summary>The home when <c>$RAGEX_HOME</c> is not set: <c>~/.ragex</c>.</summary>
    public static RagexHome Default => new(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ragex"));

    public static RagexHome FromEnvironment()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(configured) ? Default : new RagexHome(Path.GetFullPath(configured));
    }

    /// <summary>Creates the directory (mode 0700) and its projects folder when missing.</summary>
    public RagexHome EnsureCreated()
    {
        CreatePrivateDirectory(Directory);
        CreatePrivateDirectory(ProjectsDirectory);
        return this;
    }

    internal static void CreatePrivateDirectory(string path)
    {
        if (System.IO.Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
            return;
        }

        System.IO.Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
