namespace Ragex.Core.Search;

/// <summary>What a file is for, as far as its path tells: code, or something that usually only mentions the code.</summary>
public enum FileRole
{
    Source,
    Test,
    Documentation,
    Example,
    Generated,
}
