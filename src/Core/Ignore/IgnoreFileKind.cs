namespace Ragex.Core.Ignore;

/// <summary>Ignore file kinds in ascending precedence, as in ripgrep's GUIDE; .ragexignore is ours and wins.</summary>
public enum IgnoreFileKind
{
    Git,
    Ignore,
    Rg,
    Ragex,
}
