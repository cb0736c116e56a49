namespace Ragex.Protocol.Daemon;

/// <summary>
/// The code of one definition, answered with a <see cref="CodeSpan"/>: the innermost definition around
/// <see cref="Line"/> of <see cref="Path"/>, or the definition named <see cref="Symbol"/> (in that file when a path is
/// given). <see cref="Path"/> is absolute or relative to <see cref="CurrentDirectory"/>; lines are 1-based.
/// </summary>
public sealed record ReadCode(string? Path, int? Line, string? Symbol, string CurrentDirectory) : IDaemonRequest;
