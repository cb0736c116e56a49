namespace Ragex.Cli;

/// <summary>ripgrep's convention: 0 something found, 1 nothing found, 2 error.</summary>
public static class ExitCodes
{
    public const int Found = 0;
    public const int NotFound = 1;
    public const int Error = 2;
}
