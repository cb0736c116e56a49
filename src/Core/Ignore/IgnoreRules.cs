namespace Ragex.Core.Ignore;

/// <summary>
/// The ignore files of one directory, chained to its parent's. A path is decided as ripgrep's ignore crate does:
/// for each kind from highest precedence down, the deepest directory whose rules match decides; the defaults come last.
/// </summary>
public sealed class IgnoreRules
{
    private readonly IgnoreRules? parent;
    private readonly string directory;
    private readonly IReadOnlyDictionary<IgnoreFileKind, IgnoreFile> files;

    private IgnoreRules(IgnoreRules? parent, string directory, IReadOnlyDictionary<IgnoreFileKind, IgnoreFile> files)
    {
        this.parent = parent;
        this.directory = directory;
        this.files = files;
    }

    public static IgnoreRules Root { get; } = new(null, "", new Dictionary<IgnoreFileKind, IgnoreFile>());

    /// <summary>Reads the ignore files present in <paramref name="fullDirectory"/>.</summary>
    public IgnoreRules ForDirectory(string fullDirectory, string relativeDirectory, ICollection<string>? ragexIgnoreFilesSeen = null)
    {
        var found = new Dictionary<IgnoreFileKind, IgnoreFile>();
        foreach (var (name, kind) in IgnoreFileNames.All)
        {
            var path = Path.Combine(fullDirectory, name);
            if (File.Exists(path))
            {
                found[kind] = IgnoreFile.Load(path);
                if (kind == IgnoreFileKind.Ragex)
                {
                    ragexIgnoreFilesSeen?.Add(path);
                }
            }
        }

        return found.Count == 0 ? this : new IgnoreRules(this, relativeDirectory, found);
    }

    /// <summary>Decides for a path relative to the walk root.</summary>
    public IgnoreDecision Decide(string relativePath, bool isDirectory)
    {
        for (var kind = IgnoreFileKind.Ragex; kind >= IgnoreFileKind.Git; kind--)
        {
            for (var rules = this; rules is not null; rules = rules.parent)
            {
                if (!rules.files.TryGetValue(kind, out var file))
                {
                    continue;
                }

                var decision = file.Decide(RelativeTo(rules.directory, relativePath), isDirectory);
                if (decision != IgnoreDecision.None)
                {
                    return decision;
                }
            }
        }

        return DefaultIgnores.Rules.Decide(relativePath, isDirectory);
    }

    public bool IsIgnored(string relativePath, bool isDirectory) => Decide(relativePath, isDirectory) == IgnoreDecision.Ignore;

    /// <summary>
    /// Why a walk leaves an entry out by its name or place, or null to keep it: ignored by the rules, or hidden (a
    /// dot name) without a rule whitelisting it. Shared by the walker and <see cref="IgnoreChain"/>.
    /// </summary>
    public Walk.SkipReason? Exclusion(string relativePath, string name, bool isDirectory) => Decide(relativePath, isDirectory) switch
    {
        IgnoreDecision.Ignore => Walk.SkipReason.Ignored,
        IgnoreDecision.None when name.StartsWith('.') => Walk.SkipReason.Hidden,
        _ => null,
    };

    private static string RelativeTo(string directory, string relativePath) =>
        directory.Length == 0 ? relativePath : relativePath[(directory.Length + 1)..];
}
